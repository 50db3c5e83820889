using Credit.Identifiers;
using Credit.Lists;
using Credit.Records;

namespace Credit.Commitments;

/// <summary>A commitment as a department sends it (POST /api/commitments); every field is checked and each problem named.</summary>
public sealed record CommitmentDraft(
    string? SubjectCode, string? SubjectName, string? Kind, string? Reference, string? Text, bool? Public, string? TakenOn, IReadOnlyList<string>? MissingItems, string? DueDate);

/// <summary>
/// Checks a draft and makes the commitment, or names every problem (field, value, code, Chinese and English): the
/// subject's code, the kind (by its English or Chinese name), the reference, the text, the day taken (not after today),
/// and for 容缺受理 the missing items and the day they are due (not before it was taken); another kind has neither.
/// </summary>
public sealed class CommitmentValidator(SubjectKeys subjectKeys)
{
    public const int MaxMissingItems = 50;

    static readonly Dictionary<string, CommitmentKind> Kinds = Enum.GetValues<CommitmentKind>()
        .SelectMany(k => new[] { (System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), k), (k.ZhName(), k) })
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    public (Commitment? Commitment, IReadOnlyList<RowError> Errors) Validate(string department, CommitmentDraft draft, DateOnly today)
    {
        var checks = new FieldChecks();

        var code = draft.SubjectCode?.Trim().ToUpperInvariant();
        var (subjectKey, subjectKind, label) = (string.Empty, SubjectKind.LegalPerson, string.Empty);
        switch (SubjectKeys.KindOf(code))
        {
            case CodeKind.Organisation:
                (subjectKey, subjectKind, label) = (code!, ListVocabulary.KindOf(code!), code!);
                break;
            case CodeKind.Person:
                (subjectKey, subjectKind, label) = (subjectKeys.ForPerson(code!), SubjectKind.NaturalPerson, ResidentIdNumber.Mask(code!));
                break;
            default:
                var check = SubjectKeys.WhyNot(code);
                checks.Fail("subjectCode", code is null ? null : ApiEcho(code), check.ReasonCode!, $"主体代码：{check.MessageZh}", $"subjectCode: {check.MessageEn}");
                break;
        }

        var name = checks.Text("subjectName", "主体名称", draft.SubjectName, 200, multiLine: false);
        CommitmentKind? kind = null;
        if (string.IsNullOrWhiteSpace(draft.Kind))
        {
            checks.Fail("kind", null, "REQUIRED", "承诺类型为必填项", "kind is required");
        }
        else if (Kinds.TryGetValue(draft.Kind.Trim(), out var known))
        {
            kind = known;
        }
        else
        {
            checks.Fail("kind", ApiEcho(draft.Kind), "INVALID_KIND", "承诺类型应为告知承诺、容缺受理、主动公开承诺、信用修复承诺或行业自律承诺",
                "kind must be notification, deficiency, selfDeclaration, repair or industry (or its Chinese name)");
        }

        var reference = checks.Text("reference", "承诺所涉事项编号", draft.Reference, 128, multiLine: false);
        var text = checks.Text("text", "承诺内容", draft.Text, 4000, multiLine: true);
        var takenOn = checks.Date("takenOn", "承诺日期", draft.TakenOn);
        if (takenOn > today)
        {
            checks.Fail("takenOn", draft.TakenOn, "DATE_IN_FUTURE", "承诺日期不得晚于今天", "takenOn cannot be after today");
        }

        var missing = (draft.MissingItems ?? []).Select(i => i?.Trim() ?? string.Empty).ToList();
        DateOnly? due = null;
        if (kind == CommitmentKind.Deficiency)
        {
            if (missing.Count == 0 || missing.Count > MaxMissingItems || missing.Any(i => i.Length is 0 or > 200))
            {
                checks.Fail("missingItems", null, "MISSING_ITEMS", $"容缺受理应列明1至{MaxMissingItems}项容缺材料，每项不超过200字",
                    $"a deficiency commitment names 1 to {MaxMissingItems} missing items of at most 200 characters each");
            }
            else if (missing.Select(i => TextRules.Check(0, "missingItems", "容缺材料", i, 200, multiLine: false)).FirstOrDefault(e => e is not null) is { } forbidden)
            {
                // An item is shown to the subject, the office and (when public) everyone: no control or bidirectional character.
                checks.Add(forbidden);
            }

            due = checks.Date("dueDate", "容缺材料补交期限", draft.DueDate);
            if (due < takenOn)
            {
                checks.Fail("dueDate", draft.DueDate, "DUE_BEFORE_TAKEN", "补交期限不得早于承诺日期", "dueDate cannot be before takenOn");
            }
        }
        else if (kind is not null && (missing.Count > 0 || !string.IsNullOrWhiteSpace(draft.DueDate)))
        {
            checks.Fail(missing.Count > 0 ? "missingItems" : "dueDate", null, "ONLY_FOR_DEFICIENCY", "仅容缺受理承诺有容缺材料和补交期限",
                "only a deficiency commitment has missing items and a due date");
        }

        if (checks.Problems.Count > 0)
        {
            return (null, checks.Problems);
        }

        var id = $"{subjectKey}-c{subjectKeys.Identifier($"commitment|{department}|{subjectKey}|{kind}|{reference}", 24)}";
        return (new Commitment(
            id, department, subjectKey, label, subjectKind == SubjectKind.NaturalPerson ? PersonalDataMasking.MaskName(name!) : name!, subjectKind, kind!.Value, reference!, text!,
            draft.Public ?? kind == CommitmentKind.SelfDeclaration, takenOn!.Value, missing, due), []);
    }

    /// <summary>A value as an error echoes it: printable, at most 64 characters, a possible ID number masked.</summary>
    static string ApiEcho(string value) => PersonalDataMasking.MaskFreeText(TextRules.Echo(value));
}
