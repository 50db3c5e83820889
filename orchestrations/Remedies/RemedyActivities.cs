using Credit.Remedies;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Remedies;

// The steps of ObjectionHandling and RepairApplication; the work is in RemedyService.

/// <summary>A step on one remedy (its result is that it ran).</summary>
public abstract class RemedyStepActivity(Func<string, Task> step) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await step(input);
        return true;
    }
}

public sealed class OpenRemedy(RemedyService remedies) : RemedyStepActivity(id => remedies.OpenAsync(id));

public sealed class RemindRemedy(RemedyService remedies) : RemedyStepActivity(id => remedies.RemindAsync(id));

public sealed class MarkRemedyOverdue(RemedyService remedies) : RemedyStepActivity(id => remedies.MarkOverdueAsync(id));

public sealed class ApplyRemedyDecision(RemedyService remedies) : RemedyStepActivity(id => remedies.ApplyDecisionAsync(id));
