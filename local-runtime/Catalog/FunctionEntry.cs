using System.Reflection;

namespace Credit.LocalRuntime.Catalog;

public enum TriggerKind
{
    Http,
    Blob,
    Timer,
    Orchestration,
    Activity,
}

/// <summary>One [Function] method of the functions assembly and the trigger that starts it.</summary>
public sealed record FunctionEntry(string Name, MethodInfo Method, TriggerKind Kind, ParameterInfo TriggerParameter, Attribute Trigger)
{
    public T TriggerAs<T>() where T : Attribute => (T)Trigger;
}
