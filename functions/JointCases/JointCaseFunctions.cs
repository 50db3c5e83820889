using Credit.Functions.Hosting;
using Credit.JointCases;
using Credit.Orchestrations.JointCases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Credit.Functions.JointCases;

/// <summary>The orchestration and activities of a joint case, as Azure Functions.</summary>
public sealed class JointCaseFunctions(
    OpenCase open,
    RemindCase remind,
    MarkCaseOverdue markOverdue,
    MarkRoundOverdue markRoundOverdue,
    SetCaseInEffect setInEffect,
    AmendCase amend,
    CloseCase close,
    RemindLift remindLift,
    MarkLiftsOverdue markLiftsOverdue,
    CompleteCase complete)
{
    [Function(nameof(JointCaseLifecycle))]
    public static Task<CaseEndReason?> JointCaseLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new JointCaseLifecycle().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(OpenCase))]
    public Task<CaseProgress> OpenCase([ActivityTrigger] string caseId, FunctionContext context) =>
        open.RunAsync(new FunctionActivityContext(context), caseId);

    [Function(nameof(RemindCase))]
    public Task<bool> RemindCase([ActivityTrigger] CaseStep step, FunctionContext context) =>
        remind.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(MarkCaseOverdue))]
    public Task<bool> MarkCaseOverdue([ActivityTrigger] CaseStep step, FunctionContext context) =>
        markOverdue.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(MarkRoundOverdue))]
    public Task<IReadOnlyList<string>> MarkRoundOverdue([ActivityTrigger] CaseStep step, FunctionContext context) =>
        markRoundOverdue.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(SetCaseInEffect))]
    public Task<bool> SetCaseInEffect([ActivityTrigger] CaseStep step, FunctionContext context) =>
        setInEffect.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(AmendCase))]
    public Task<CaseProgress> AmendCase([ActivityTrigger] CaseAmendment amendment, FunctionContext context) =>
        amend.RunAsync(new FunctionActivityContext(context), amendment);

    [Function(nameof(CloseCase))]
    public Task<IReadOnlyList<string>> CloseCase([ActivityTrigger] CaseClosing closing, FunctionContext context) =>
        close.RunAsync(new FunctionActivityContext(context), closing);

    [Function(nameof(RemindLift))]
    public Task<bool> RemindLift([ActivityTrigger] CaseStep step, FunctionContext context) =>
        remindLift.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(MarkLiftsOverdue))]
    public Task<bool> MarkLiftsOverdue([ActivityTrigger] CaseStep step, FunctionContext context) =>
        markLiftsOverdue.RunAsync(new FunctionActivityContext(context), step);

    [Function(nameof(CompleteCase))]
    public Task<bool> CompleteCase([ActivityTrigger] CaseStep step, FunctionContext context) =>
        complete.RunAsync(new FunctionActivityContext(context), step);
}
