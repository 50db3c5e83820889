using Credit.Identifiers;
using Credit.Records;

namespace Credit.GovernmentIntegrity;

/// <summary>Government bodies as their 统一社会信用代码 tells: GB 32100-2015 registration authority 1, 机构编制 (机关, 事业单位, 群团).</summary>
public static class GovernmentBodies
{
    /// <summary>The code (trimmed, upper case) when it is a valid code of a government body, else null with the problem added.</summary>
    public static string? Code(FieldChecks checks, string field, string label, string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        var check = UnifiedSocialCreditCode.Check(code);
        if (!check.IsValid)
        {
            checks.Fail(field, code is null ? null : TextRules.Echo(code), check.ReasonCode!, $"{label}代码：{check.MessageZh}", $"{field}: {check.MessageEn}");
            return null;
        }

        if (code![0] != '1')
        {
            checks.Fail(field, code, "NOT_A_GOVERNMENT_BODY", $"{label}应为政府机关或事业单位（统一社会信用代码以1开头）",
                $"{field} must be a government body's code (registration authority 1, 机构编制: it begins with 1)");
            return null;
        }

        return code;
    }
}
