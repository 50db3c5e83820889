using Credit.JointCases;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.JointCases;

// The steps of JointCaseLifecycle, one activity each; the work is in JointCaseService.

public sealed class OpenCase(JointCaseService cases) : TaskActivity<string, CaseProgress>
{
    public override Task<CaseProgress> RunAsync(TaskActivityContext context, string caseId) => cases.OpenAsync(caseId);
}

public sealed class RemindCase(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.RemindAsync(step);
        return true;
    }
}

public sealed class MarkCaseOverdue(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.MarkOverdueAsync(step);
        return true;
    }
}

public sealed class SetCaseInEffect(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.SetInEffectAsync(step);
        return true;
    }
}

public sealed class AmendCase(JointCaseService cases) : TaskActivity<CaseAmendment, CaseProgress>
{
    public override Task<CaseProgress> RunAsync(TaskActivityContext context, CaseAmendment amendment) => cases.AmendAsync(amendment);
}

public sealed class CloseCase(JointCaseService cases) : TaskActivity<CaseClosing, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, CaseClosing closing) => cases.CloseAsync(closing);
}

public sealed class RemindLift(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.RemindLiftAsync(step);
        return true;
    }
}

public sealed class MarkLiftsOverdue(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.MarkLiftsOverdueAsync(step);
        return true;
    }
}

public sealed class CompleteCase(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseStep step)
    {
        await cases.CompleteAsync(step);
        return true;
    }
}
