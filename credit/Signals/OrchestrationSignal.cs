using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Signals;

/// <summary>
/// An external event an orchestration waits for, one type per meaning. A family (a case's, a remedy's) is a
/// <c>[JsonPolymorphic]</c> hierarchy whose discriminator is "Kind" with the names the single flat signal of
/// orchestration versions 1–3 carried, so the events already stored in the histories of running instances read
/// back as the typed signal they meant (docs/versioning.md).
/// </summary>
public abstract record OrchestrationSignal
{
    /// <summary>The event name its orchestration waits on.</summary>
    [JsonIgnore]
    public abstract string EventName { get; }

    static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The signal's kind as written on the wire and in the schedule: its family's discriminator.</summary>
    [JsonIgnore]
    public string Name => Names.GetOrAdd(GetType(), type => FamilyType.GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Single(a => a.DerivedType == type).TypeDiscriminator as string ?? type.Name);

    /// <summary>Its family's base type name ("CaseSignal", "RemedySignal"), kept with a scheduled signal to read it back.</summary>
    [JsonIgnore]
    public string Family => FamilyType.Name;

    /// <summary>What the signal is about (an assignment, a department), for the audit and the log; null when nothing.</summary>
    [JsonIgnore]
    public virtual string? About => null;

    /// <summary>
    /// The payload to raise: serialized as its family's base type, so it carries its "Kind" (a signal serialized as
    /// its own type, as the durable client does with an object, would not).
    /// </summary>
    public JsonElement ToWire() => JsonSerializer.SerializeToElement(this, FamilyType);

    /// <summary>The family's polymorphic base: each signal record derives from it directly.</summary>
    Type FamilyType => GetType().BaseType!;
}

/// <summary>Raises a signal on a running orchestration (the durable client in the app; a port so that the core knows no engine).</summary>
public interface ISignalSender
{
    Task RaiseAsync(string instanceId, OrchestrationSignal signal, CancellationToken cancellationToken = default);
}
