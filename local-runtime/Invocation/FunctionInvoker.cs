using System.Globalization;
using System.Reflection;
using Credit.LocalRuntime.Catalog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.LocalRuntime.Invocation;

/// <summary>
/// Calls a [Function] method as the Functions host would: a fresh instance of its class from the container,
/// the trigger value and binding data for its parameters, and its awaited result.
/// </summary>
public static class FunctionInvoker
{
    /// <summary>Invokes <paramref name="function"/> in <paramref name="context"/>; <paramref name="bindTrigger"/> supplies the trigger parameter's value.</summary>
    public static async Task<object?> InvokeAsync(FunctionEntry function, FunctionContext context, Func<ParameterInfo, object?> bindTrigger)
    {
        var services = context.InstanceServices;
        var method = function.Method;
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        try
        {
            var arguments = method.GetParameters().Select(p => Bind(p, function, context, bindTrigger)).ToArray();
            var returned = method.Invoke(target, arguments);
            return await AwaitResult(returned);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            switch (target)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    static object? Bind(ParameterInfo parameter, FunctionEntry function, FunctionContext context, Func<ParameterInfo, object?> bindTrigger)
    {
        if (parameter == function.TriggerParameter)
        {
            return bindTrigger(parameter);
        }

        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.CancellationToken;
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return context.InstanceServices.GetRequiredService<DurableTaskClient>();
        }

        if (context.BindingContext.BindingData.TryGetValue(parameter.Name!, out var value) && value is not null)
        {
            return parameter.ParameterType.IsInstanceOfType(value)
                ? value
                : Convert.ChangeType(value, Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType, CultureInfo.InvariantCulture);
        }

        return context.InstanceServices.GetService(parameter.ParameterType)
            ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                $"Function {function.Name}: nothing binds parameter '{parameter.Name}' of type {parameter.ParameterType.Name}."));
    }

    static async Task<object?> AwaitResult(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
