using Credit.CreditReports;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.CreditReports;

/// <summary>Issues one ordered credit report (instance id: the report's id): one activity, retried while storage fails.</summary>
public sealed class IssueCreditReport : TaskOrchestrator<string, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, string reportId)
    {
        await context.CallActivityAsync(nameof(RenderCreditReport), reportId, ActivityRetry.Storage);
        return true;
    }
}

/// <summary>Gathers, renders (PDF and HTML), hashes, signs and stores the report; repeated, it leaves an issued one as it is.</summary>
public sealed class RenderCreditReport(CreditReportService reports) : StepActivity<string>(reportId => reports.IssueAsync(reportId, CancellationToken.None));
