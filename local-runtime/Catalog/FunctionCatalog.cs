using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Credit.LocalRuntime.Catalog;

/// <summary>The [Function] methods of an assembly, found by reflection: the same source of truth the Functions host reads.</summary>
public sealed class FunctionCatalog(IReadOnlyList<FunctionEntry> functions)
{
    public IReadOnlyList<FunctionEntry> Functions { get; } = functions;

    public IEnumerable<FunctionEntry> OfKind(TriggerKind kind) => Functions.Where(f => f.Kind == kind);

    /// <summary>
    /// The catalog without the functions the setting <c>AzureWebJobs.{name}.Disabled</c> = true turns off: the Functions
    /// host then ignores their trigger (a timer does not fire, a blob is not watched, an HTTP route answers 404). An
    /// orchestration or activity function cannot be turned off: the instances that call it would wait for ever.
    /// </summary>
    public FunctionCatalog WithoutDisabled(IConfiguration configuration)
    {
        var disabled = Functions.Where(f => configuration.GetValue<bool>(DisabledSetting(f.Name))).ToList();
        var durable = disabled.Where(f => f.Kind is TriggerKind.Orchestration or TriggerKind.Activity).Select(f => DisabledSetting(f.Name)).ToList();
        if (durable.Count > 0)
        {
            throw new InvalidOperationException($"{string.Join(", ", durable)}: an orchestration or activity function cannot be disabled; the instances that call it would wait for ever.");
        }

        return new FunctionCatalog([.. Functions.Except(disabled)]);
    }

    public static string DisabledSetting(string functionName) => $"AzureWebJobs.{functionName}.Disabled";

    public static FunctionCatalog Discover(Assembly assembly)
    {
        var entries = new List<FunctionEntry>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var trigger = method.GetParameters()
                .Select(p => (Parameter: p, Attribute: p.GetCustomAttributes().FirstOrDefault(a => a is TriggerBindingAttribute)))
                .FirstOrDefault(p => p.Attribute is not null);
            if (trigger.Attribute is null)
            {
                throw new InvalidOperationException($"Function {function.Name} ({method.DeclaringType}.{method.Name}) has no trigger parameter.");
            }

            entries.Add(new FunctionEntry(function.Name, method, KindOf(trigger.Attribute, function.Name), trigger.Parameter, trigger.Attribute));
        }

        return new FunctionCatalog(entries);
    }

    static TriggerKind KindOf(Attribute trigger, string name) => trigger switch
    {
        HttpTriggerAttribute => TriggerKind.Http,
        BlobTriggerAttribute => TriggerKind.Blob,
        TimerTriggerAttribute => TriggerKind.Timer,
        OrchestrationTriggerAttribute => TriggerKind.Orchestration,
        ActivityTriggerAttribute => TriggerKind.Activity,
        _ => throw new NotSupportedException($"Function {name}: the local runtime does not serve {trigger.GetType().Name} triggers."),
    };
}
