using Credit.Identifiers;
using Credit.Records;

namespace Credit.DishonestyReports;

/// <summary>A report as the public sends it: the subject (its name, its code when known), the conduct, and the reporter unless anonymous.</summary>
public sealed record DishonestyReportDraft(string? SubjectName, string? SubjectCode, string? Conduct, bool? Anonymous, string? ReporterName, string? ReporterContact);

/// <summary>What a checked draft holds: the reported subject (key and shown label when a code was given) and the reporter, null when anonymous.</summary>
public sealed record CheckedReport(string SubjectName, string? SubjectKey, string? SubjectLabel, string Conduct, ReporterIdentity? Reporter);

/// <summary>
/// Checks a report, naming every problem (field, value, code, Chinese and English): the subject's name, its code when
/// given (统一社会信用代码 or resident ID number, by their check digits), the conduct, and either anonymous with no
/// identity given or a name or a contact to reach the reporter. Texts are printable, bounded, without control or
/// bidirectional characters (<see cref="TextRules"/>).
/// </summary>
public sealed class DishonestyReportValidator(SubjectKeys subjectKeys)
{
    public (CheckedReport? Report, IReadOnlyList<RowError> Errors) Validate(DishonestyReportDraft draft)
    {
        var checks = new FieldChecks();
        var name = checks.Text("subjectName", "被举报主体名称", draft.SubjectName, 200, multiLine: false, required: true);
        var code = draft.SubjectCode?.Trim().ToUpperInvariant();
        var (subjectKey, label) = ((string?)null, (string?)null);
        switch (string.IsNullOrEmpty(code) ? (CodeKind?)null : SubjectKeys.KindOf(code))
        {
            case null:
                break;
            case CodeKind.Organisation:
                (subjectKey, label) = (code!, code);
                break;
            case CodeKind.Person:
                (subjectKey, label) = (subjectKeys.ForPerson(code!), ResidentIdNumber.Mask(code!));
                break;
            default:
                var check = SubjectKeys.WhyNot(code);
                checks.Fail("subjectCode", PersonalDataMasking.MaskFreeText(TextRules.Echo(code!)), check.ReasonCode!, $"被举报主体代码：{check.MessageZh}", $"subjectCode: {check.MessageEn}");
                break;
        }

        var conduct = checks.Text("conduct", "失信行为", draft.Conduct, 4000, multiLine: true, required: true);
        var reporterName = checks.Text("reporterName", "举报人姓名", draft.ReporterName, 100, multiLine: false, required: false);
        var contact = checks.Text("reporterContact", "联系方式", draft.ReporterContact, 200, multiLine: false, required: false);
        ReporterIdentity? reporter = null;
        if (draft.Anonymous == true)
        {
            if (draft.ReporterName is { Length: > 0 } || draft.ReporterContact is { Length: > 0 })
            {
                checks.Fail("anonymous", "true", "ANONYMOUS_WITH_IDENTITY", "匿名举报不应填写举报人姓名或联系方式",
                    "an anonymous report carries no reporterName or reporterContact: leave them out, or send anonymous false");
            }
        }
        else if (reporterName is null && contact is null)
        {
            checks.Fail("reporterContact", null, "REPORTER_REQUIRED", "实名举报须填写举报人姓名或联系方式；不愿提供的，请选择匿名举报（anonymous为true）",
                "a named report needs reporterName or reporterContact; to give neither, send anonymous true");
        }
        else
        {
            reporter = new ReporterIdentity(reporterName, contact);
        }

        return checks.Problems.Count > 0 ? (null, checks.Problems) : (new CheckedReport(name!, subjectKey, label, conduct!, reporter), []);
    }
}
