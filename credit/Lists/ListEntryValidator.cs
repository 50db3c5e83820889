using System.Globalization;
using Credit.Identifiers;
using Credit.Records;

namespace Credit.Lists;

/// <summary>Checks a draft entry and builds the entry, or says every rule it breaks (field, value, Chinese and English).</summary>
public sealed class ListEntryValidator(SubjectKeys subjectKeys)
{
    /// <summary>The longest sanction or incentive period accepted, in months.</summary>
    public const int MaxPeriodMonths = 120;

    public (ListEntry? Entry, IReadOnlyList<RowError> Errors) Validate(string departmentCode, ListEntryDraft draft, long row = 0)
    {
        var errors = new List<RowError>();
        void Fail(string column, string? value, string code, string zh, string en) => errors.Add(new RowError(row, column, value, code, zh, en));
        string Required(string column, string? value, string label, int maxLength = 200, bool multiLine = false)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(column, value, "REQUIRED", $"{label}为必填项", $"{column} is required");
                return string.Empty;
            }

            if (TextRules.Check(row, column, label, value.Trim(), maxLength, multiLine) is { } error)
            {
                errors.Add(error);
                return string.Empty;
            }

            return value.Trim();
        }

        var listTypeText = Required("listType", draft.ListType, "名单类型");
        ListType listType = default;
        if (listTypeText.Length > 0 && !ListVocabulary.ListTypes.TryGetValue(listTypeText, out listType))
        {
            Fail("listType", listTypeText, "LIST_TYPE", "名单类型应为红名单或黑名单", "listType must be red or black");
        }

        var code = Required("subjectCode", draft.SubjectCode, "主体代码").ToUpperInvariant();
        var kind = SubjectKind.LegalPerson;
        var subjectKey = code;
        if (code.Length > 0)
        {
            // Nothing in an entry declares the subject's kind: the code's shape decides (SubjectKeys.KindOf).
            switch (SubjectKeys.KindOf(code))
            {
                case CodeKind.Organisation:
                    kind = ListVocabulary.KindOf(code);
                    break;
                case CodeKind.Person:
                    kind = SubjectKind.NaturalPerson;
                    subjectKey = subjectKeys.ForPerson(code);
                    break;
                default:
                    var check = SubjectKeys.WhyNot(code);
                    Fail("subjectCode", Mask(code), check.ReasonCode!, $"主体代码：{check.MessageZh}", $"subjectCode: {check.MessageEn}");
                    break;
            }
        }

        var name = Required("subjectName", draft.SubjectName, "主体名称");
        var category = Required("category", draft.Category, "列入类别");
        var field = Required("field", draft.Field, "领域");
        if (field.Length > 0 && !ListVocabulary.Fields.Contains(field))
        {
            Fail("field", field, "FIELD", $"领域应为以下之一：{string.Join("、", ListVocabulary.Fields)}", $"field must be one of: {string.Join(", ", ListVocabulary.Fields)}");
        }

        var legalBasis = Required("legalBasis", draft.LegalBasis, "列入依据", 2048, multiLine: true);
        var document = Required("decisionDocument", draft.DecisionDocument, "决定文书号", 128);
        var startText = Required("startDate", draft.StartDate, "列入日期");
        DateOnly start = default;
        if (startText.Length > 0 && !DateText.TryParse(startText, out start))
        {
            Fail("startDate", startText, "DATE", $"列入日期：{DateText.RuleZh}", $"startDate must be {DateText.RuleEn}");
        }

        var periodText = Required("periodMonths", draft.PeriodMonths, "期限（月）");
        var period = 0;
        if (periodText.Length > 0 && (!int.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out period) || period is < 1 or > MaxPeriodMonths))
        {
            Fail("periodMonths", periodText, "PERIOD", $"期限应为1至{MaxPeriodMonths}之间的整月数", $"periodMonths must be a whole number of months from 1 to {MaxPeriodMonths}");
        }

        var persons = new List<ResponsiblePerson>();
        var drafts = draft.ResponsiblePersons ?? [];
        if (drafts.Count > 0 && kind == SubjectKind.NaturalPerson)
        {
            Fail("responsiblePersons", null, "PERSONS_OF_PERSON", "自然人主体不列责任人员", "responsible persons are named for legal persons only");
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var column = $"responsiblePersons[{i}]";
            var person = drafts[i];
            var roleText = Required($"{column}.role", person.Role, "责任人员类型");
            ResponsibleRole role = default;
            if (roleText.Length > 0 && !ListVocabulary.Roles.TryGetValue(roleText, out role))
            {
                Fail($"{column}.role", roleText, "ROLE", "责任人员类型应为法定代表人、主要负责人、实际控制人或直接责任人员",
                    "role must be 法定代表人 (LegalRepresentative), 主要负责人 (PrincipalOfficer), 实际控制人 (ActualController) or 直接责任人员 (DirectlyResponsible)");
            }

            var personName = Required($"{column}.name", person.Name, "姓名");
            var id = Required($"{column}.idNumber", person.IdNumber, "身份证号").ToUpperInvariant();
            if (id.Length > 0 && ResidentIdNumber.Check(id) is { IsValid: false } idCheck)
            {
                Fail($"{column}.idNumber", Mask(id), idCheck.ReasonCode!, $"身份证号：{idCheck.MessageZh}", $"idNumber: {idCheck.MessageEn}");
            }
            else if (id.Length > 0)
            {
                persons.Add(new ResponsiblePerson(role, personName, id, subjectKeys.ForPerson(id)));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var entryId = ListEntryId.For(departmentCode, listType, subjectKey, document, subjectKeys);
        return (new ListEntry(entryId, departmentCode, listType, code, subjectKey, name, kind, category, field, legalBasis, document, start, period, persons), errors);
    }

    // An invalid identifier may still be someone's ID number: never echo more than its ends.
    static string Mask(string value) => value.Length > 8 ? $"{value[..4]}{new string('*', value.Length - 8)}{value[^4..]}" : value;
}
