using Microsoft.DurableTask;

namespace Credit.Orchestrations;

/// <summary>An activity that only acts: its result is that it ran.</summary>
public abstract class StepActivity<TInput>(Func<TInput, Task> step) : TaskActivity<TInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TInput input)
    {
        await step(input);
        return true;
    }
}
