using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.PersonalData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>应查、能查、必查: the credit check a department makes before an approval; every check is recorded, a person's also in its access log.</summary>
public sealed class CreditCheckApi(CreditCheck creditCheck, PersonalDataReads reads, SubjectKeys subjectKeys)
{
    [Function(nameof(GetCreditCheck))]
    [ApiOperation("应查必查: red/black status, the measures the asking department must or may apply, hits as a responsible person; recorded", Credential.Department, Query = ["department: the asking department's credit code", "approvalId: the approval the check serves (行政许可决定文书号 or application number); coverage matches it"],
        Resource = ResourceKind.Department, Parties = Party.Owner, Response = typeof(CreditCheckView))]
    public async Task<IActionResult> GetCreditCheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subjects/{code}/credit-check")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var department = request.Query["department"].ToString();
        if (department.Length == 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "DEPARTMENT_REQUIRED", "name the asking department: ?department={its credit code}", "请注明查询单位：?department={统一社会信用代码}");
        }

        if (subjectKeys.For(code) is not { } subjectKey)
        {
            var check = SubjectKeys.WhyNot(code);
            return ApiResults.Error(StatusCodes.Status400BadRequest, check.ReasonCode!, $"the subject must be a credit code or an ID number: {check.MessageEn}", $"查询对象应为统一社会信用代码或身份证号：{check.MessageZh}");
        }

        var approvalId = request.Query["approvalId"].ToString().Trim();
        if (approvalId.Length > 0 && Records.TextRules.Check(0, "approvalId", "审批事项编号", approvalId, 128, multiLine: false) is { } invalid)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_APPROVAL_ID", $"approvalId: {invalid.MessageEn}", $"审批事项编号：{invalid.MessageZh}");
        }

        var result = await creditCheck.CheckAsync(subjectKey, department, approvalId.Length > 0 ? approvalId : null, cancellationToken);
        await reads.RecordAsync([subjectKey], department, "credit-check", result.CheckId, ReadPurpose.CreditCheck, cancellationToken);
        return new OkObjectResult(CreditCheckView.Of(result, department));
    }
}
