using Credit.JointCases;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.JointCases;

// The steps of JointCaseLifecycle, one activity each; the work is in JointCaseService.

public sealed class OpenCase(JointCaseService cases) : TaskActivity<string, CaseProgress>
{
    public override Task<CaseProgress> RunAsync(TaskActivityContext context, string caseId) => cases.OpenAsync(caseId);
}

public sealed class AmendCase(JointCaseService cases) : TaskActivity<CaseAmendment, CaseProgress>
{
    public override Task<CaseProgress> RunAsync(TaskActivityContext context, CaseAmendment amendment) => cases.AmendAsync(amendment);
}

public sealed class CloseCase(JointCaseService cases) : TaskActivity<CaseClosing, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, CaseClosing closing) => cases.CloseAsync(closing);
}

public sealed class RemindCase(JointCaseService cases) : StepActivity<CaseStep>(step => cases.RemindAsync(step));

/// <summary>A round's deadline passed; true when the case is in effect, false when it still awaits a later round (version 2).</summary>
public sealed class MarkCaseOverdue(JointCaseService cases) : TaskActivity<CaseStep, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, CaseStep input) => cases.MarkOverdueAsync(input);
}

/// <summary>A round's deadline passed; the assignments the case still awaits, none when it is in effect (version 4).</summary>
public sealed class MarkRoundOverdue(JointCaseService cases) : TaskActivity<CaseStep, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, CaseStep input) => cases.MarkOverdueAwaitingAsync(input);
}

public sealed class SetCaseInEffect(JointCaseService cases) : StepActivity<CaseStep>(step => cases.SetInEffectAsync(step));

public sealed class RemindLift(JointCaseService cases) : StepActivity<CaseStep>(step => cases.RemindLiftAsync(step));

public sealed class MarkLiftsOverdue(JointCaseService cases) : StepActivity<CaseStep>(step => cases.MarkLiftsOverdueAsync(step));

public sealed class CompleteCase(JointCaseService cases) : StepActivity<CaseStep>(step => cases.CompleteAsync(step));
