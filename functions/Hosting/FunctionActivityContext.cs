using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Credit.Functions.Hosting;

/// <summary>Hands an activity function's identity to the class-based activity it runs.</summary>
public sealed class FunctionActivityContext(FunctionContext context) : TaskActivityContext
{
    public override TaskName Name => context.FunctionDefinition.Name;

    public override string InstanceId =>
        context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
}
