using Credit.Functions.JointCases;
using Credit.Functions.OpenApi;
using Credit.JointCases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

public sealed record MissedMeasuresView(string Department, int Count, IReadOnlyList<MissedCase> Cases);

public sealed record MissedMeasuresPushed(string Department, int Pushed, IReadOnlyList<MissedCase> Cases);

/// <summary>
/// A department registered late: the supervising office sees the open cases whose measures it should have received
/// and pushes them (issue 17: a measure never reaches nobody silently).
/// </summary>
public sealed class MissedMeasuresApi(MissedMeasures missed, CaseAmendments amendments)
{
    const string Reason = "实施部门登记后补推送 / pushed to a department registered after the case opened";

    [Function(nameof(GetMissedMeasures))]
    [ApiOperation("The open cases whose measures a department should have received and did not (it was registered later)", Credential.Supervisor,
        Resource = ResourceKind.Department, Parties = Party.Office, Response = typeof(MissedMeasuresView))]
    public async Task<IActionResult> GetMissedMeasures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/departments/{departmentCode}/missed-measures")] HttpRequest request,
        string departmentCode,
        CancellationToken cancellationToken)
    {
        var cases = await missed.FindAsync(departmentCode, cancellationToken);
        return new OkObjectResult(new MissedMeasuresView(departmentCode, cases.Count, cases));
    }

    [Function(nameof(PushMissedMeasures))]
    [ApiOperation("Pushes those cases' measures to the department: each case re-reads its measures (an amendment, applied once per department however often it is sent)", Credential.Supervisor,
        Resource = ResourceKind.Department, Parties = Party.Office, Response = typeof(MissedMeasuresPushed), SuccessStatus = 202)]
    public async Task<IActionResult> PushMissedMeasures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/departments/{departmentCode}/missed-measures")] HttpRequest request,
        string departmentCode,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var cases = await missed.FindAsync(departmentCode, cancellationToken);
        foreach (var found in cases)
        {
            // One amendment per (case, department): a retry is recognised and applied once; the signal is raised again.
            var amendmentId = $"missed-measures-{departmentCode}";
            await amendments.ReceiveAsync(found.CaseId, amendmentId, null, true, Reason, cancellationToken);
            await new JointCaseInstances(durable).RaiseAsync(found.CaseId, new CaseAmended(Reason, RefreshMeasures: true, amendmentId), cancellationToken);
        }

        return new AcceptedResult($"/api/departments/{departmentCode}/missed-measures", new MissedMeasuresPushed(departmentCode, cases.Count, cases));
    }
}
