using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Invocation;
using Microsoft.DurableTask;

namespace Credit.LocalRuntime.Durable;

/// <summary>An orchestrator function served as a Durable Task orchestrator.</summary>
public sealed class FunctionOrchestrator(FunctionEntry function, IServiceProvider services) : ITaskOrchestrator
{
    public Type InputType => typeof(object);
    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        // Orchestrator code must stay deterministic: no scope, no I/O here, only the function on its context.
        var typed = new TypedInputContext(context, input, services.GetRequiredService<ILoggerFactory>());
        var functionContext = new LocalFunctionContext(function, services, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }, CancellationToken.None);
        return await FunctionInvoker.InvokeAsync(function, functionContext, _ => typed);
    }
}

/// <summary>An activity function served as a Durable Task activity; its trigger parameter's type is the activity's input type.</summary>
public sealed class FunctionActivity(FunctionEntry function, IServiceProvider services) : ITaskActivity
{
    public Type InputType => function.TriggerParameter.ParameterType;
    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        await using var scope = services.CreateAsyncScope();
        var functionContext = new LocalFunctionContext(function, scope.ServiceProvider, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }, CancellationToken.None);
        return await FunctionInvoker.InvokeAsync(function, functionContext, _ => input);
    }
}
