using System.Globalization;
using Credit.Catalogue;
using Credit.Identifiers;
using Credit.Records;

namespace Credit.Lists;

/// <summary>
/// Checks a draft entry against the catalogue of acts and builds the entry, or says every rule it breaks (field,
/// value, Chinese and English). An entry names its catalogue item (<c>catalogueCode</c>); one that names none is read
/// under the item its list type, category and field derive (<see cref="CatalogueSnapshot.Derive"/>), so clients
/// written before the catalogue keep working. The item gives the default and maximum period and the facts the entry
/// must carry.
/// </summary>
public sealed class ListEntryValidator(SubjectKeys subjectKeys)
{
    /// <summary>The longest sanction or incentive period any catalogue item may set, in months.</summary>
    public const int MaxPeriodMonths = 120;

    public (ListEntry? Entry, IReadOnlyList<RowError> Errors) Validate(string departmentCode, ListEntryDraft draft, CatalogueSnapshot catalogue, long row = 0)
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
            Fail("listType", listTypeText, "LIST_TYPE", "名单类型应为红名单、黑名单或重点关注名单", "listType must be red, black or watch");
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
        var catalogueCode = string.IsNullOrWhiteSpace(draft.CatalogueCode) ? null : draft.CatalogueCode.Trim().ToUpperInvariant();
        var named = catalogueCode is null ? null : catalogue.Find(catalogueCode);
        if (catalogueCode is not null && named is not { Retired: false })
        {
            Fail("catalogueCode", catalogueCode, "CATALOGUE_CODE", $"行为清单中没有在用的条目“{catalogueCode}”（见 GET /api/catalogue）",
                $"the catalogue has no item '{catalogueCode}' in use (see GET /api/catalogue)");
        }
        else if (named is not null && listTypeText.Length > 0 && named.ListType != listType && errors.All(e => e.Column != "listType"))
        {
            Fail("catalogueCode", catalogueCode, "CATALOGUE_LIST_TYPE", $"条目{named.Code}（{named.Name}）列入{named.ListType.ZhName()}，与名单类型不符",
                $"item {named.Code} ({named.Name}) leads to the {named.ListType} list, not this one");
        }

        var category = named is not null && string.IsNullOrWhiteSpace(draft.Category) ? named.Name : Required("category", draft.Category, "列入类别");
        var field = named?.Field is { } itemField && string.IsNullOrWhiteSpace(draft.Field) ? itemField : Required("field", draft.Field, "领域");
        if (field.Length > 0 && !ListVocabulary.Fields.Contains(field))
        {
            Fail("field", field, "FIELD", $"领域应为以下之一：{string.Join("、", ListVocabulary.Fields)}", $"field must be one of: {string.Join(", ", ListVocabulary.Fields)}");
        }
        else if (named?.Field is { } expected && field.Length > 0 && field != expected)
        {
            Fail("field", field, "CATALOGUE_FIELD", $"条目{named.Code}属于“{expected}”领域", $"item {named.Code} belongs to the field {expected}");
        }

        var derivable = catalogueCode is null && errors.All(e => e.Column is not ("listType" or "category" or "field"));
        // An item that cannot be used (unknown, retired, of another list) is named once above, not checked against further.
        var item = derivable ? catalogue.Derive(listType, field, category) : named is { Retired: false } && named.ListType == listType ? named : null;
        if (derivable && item is null)
        {
            Fail("catalogueCode", null, "CATALOGUE_REQUIRED", "请注明行为清单条目（catalogueCode，见 GET /api/catalogue）",
                "name the catalogue item the entry stands under (catalogueCode, see GET /api/catalogue)");
        }

        var legalBasis = Required("legalBasis", draft.LegalBasis, "列入依据", 2048, multiLine: true);
        var document = Required("decisionDocument", draft.DecisionDocument, "决定文书号", 128);
        var startText = Required("startDate", draft.StartDate, "列入日期");
        DateOnly start = default;
        if (startText.Length > 0 && !DateText.TryParse(startText, out start))
        {
            Fail("startDate", startText, "DATE", $"列入日期：{DateText.RuleZh}", $"startDate must be {DateText.RuleEn}");
        }

        var maximum = item?.MaximumPeriodMonths ?? MaxPeriodMonths;
        var period = item?.DefaultPeriodMonths ?? 0;
        var periodText = item is not null && string.IsNullOrWhiteSpace(draft.PeriodMonths) ? string.Empty : Required("periodMonths", draft.PeriodMonths, "期限（月）");
        if (periodText.Length > 0 && (!int.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out period) || period is < 1 || period > maximum))
        {
            Fail("periodMonths", periodText, "PERIOD", $"期限应为1至{maximum}之间的整月数{(item is null ? string.Empty : $"（条目{item.Code}最长{maximum}个月）")}",
                $"periodMonths must be a whole number of months from 1 to {maximum}{(item is null ? string.Empty : $" (the longest item {item.Code} allows)")}");
        }

        var facts = item is null ? new Dictionary<string, string>() : Facts(item, draft.Facts, required: catalogueCode is not null, errors, row);

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
        return (new ListEntry(entryId, departmentCode, listType, code, subjectKey, name, kind, category, field, legalBasis, document, start, period, persons,
            item!.Code, item.Version, facts), errors);
    }

    /// <summary>
    /// The facts the item asks for, each named by its key or name and checked by its kind (是/否 or text); unknown ones
    /// are refused. An entry that names its item must state them all; one read under a derived item (a client written
    /// before the catalogue) is held to what it states: a fact it leaves out is not established, so a measure that
    /// needs it is not bound.
    /// </summary>
    static Dictionary<string, string> Facts(CatalogueItem item, IReadOnlyDictionary<string, string?>? given, bool required, List<RowError> errors, long row)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = (given ?? new Dictionary<string, string?>()).ToList();
        foreach (var (key, _) in byName.Where(g => !item.Facts.Any(f => Names(f, g.Key))))
        {
            errors.Add(new RowError(row, $"facts.{TextRules.Echo(key)}", null, "FACT_UNKNOWN",
                $"条目{item.Code}没有事实“{TextRules.Echo(key)}”，应为：{string.Join("、", item.Facts.Select(f => $"{f.Name}（{f.Key}）"))}",
                $"item {item.Code} has no fact '{TextRules.Echo(key)}'; its facts are: {string.Join(", ", item.Facts.Select(f => f.Key))}"));
        }

        foreach (var fact in item.Facts)
        {
            var column = $"facts.{fact.Key}";
            var value = byName.FirstOrDefault(g => Names(fact, g.Key)).Value?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (!required)
                {
                    continue;
                }

                errors.Add(new RowError(row, column, null, "FACT_REQUIRED", $"条目{item.Code}（{item.Name}）须注明“{fact.Name}”",
                    $"item {item.Code} needs the fact {fact.Key} ({fact.Name})"));
            }
            else if (fact.Kind == FactKind.YesNo)
            {
                if (YesNo(value) is { } yesNo)
                {
                    facts[fact.Key] = yesNo;
                }
                else
                {
                    errors.Add(new RowError(row, column, value, "FACT_YES_NO", $"“{fact.Name}”应为是或否", $"{fact.Key} must be 是 or 否 (true or false)"));
                }
            }
            else if (TextRules.Check(row, column, fact.Name, value, 200, false) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                facts[fact.Key] = value;
            }
        }

        return facts;
    }

    static bool Names(EntryFact fact, string given) =>
        string.Equals(fact.Key, given.Trim(), StringComparison.OrdinalIgnoreCase) || fact.Name == given.Trim();

    static string? YesNo(string value) => YesNoText.Parse(value) switch
    {
        true => CatalogueItem.Yes,
        false => CatalogueItem.No,
        null => null,
    };

    // An invalid identifier may still be someone's ID number: never echo more than its ends.
    static string Mask(string value) => value.Length > 8 ? $"{value[..4]}{new string('*', value.Length - 8)}{value[^4..]}" : value;
}
