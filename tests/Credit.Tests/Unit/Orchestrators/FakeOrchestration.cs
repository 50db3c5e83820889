using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Credit.Tests.Unit.Orchestrators;

/// <summary>
/// A mocked <see cref="TaskOrchestrationContext"/> for driving an orchestrator in a unit test: activities answer from
/// a function of their name and input, signals arrive in the order given, and every activity called is recorded with
/// its input. A wait for a signal beyond the last one fails the test instead of hanging it.
/// </summary>
public sealed class FakeOrchestration
{
    readonly Queue<object> signals;
    readonly Func<string, object?, object?> answer;

    public FakeOrchestration(string version, Func<string, object?, object?> answer, IEnumerable<object>? signals = null)
    {
        this.answer = answer;
        this.signals = new Queue<object>(signals ?? []);
        Context.SetupGet(c => c.Version).Returns(version);
        Context.SetupGet(c => c.InstanceId).Returns("instance-1");
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2025, 3, 3, 2, 0, 0, DateTimeKind.Utc));
        Context.SetupGet(c => c.IsReplaying).Returns(false);
        Context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
    }

    /// <summary>The context; what the test does not set up runs as the SDK's base class does (its replay-safe logger over the factory set up here).</summary>
    public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Loose) { CallBase = true };

    /// <summary>Every activity called, in order: its name and input.</summary>
    public List<(string Name, object? Input)> Calls { get; } = [];

    /// <summary>Activities answer with a result of type <typeparamref name="T"/>.</summary>
    public FakeOrchestration Returns<T>()
    {
        Context.Setup(c => c.CallActivityAsync<T>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? _) =>
            {
                Calls.Add((name.Name, input));
                var result = answer(name.Name, input);
                return result is Exception failure ? Task.FromException<T>(failure) : Task.FromResult((T)result!);
            });
        return this;
    }

    /// <summary>Signals of type <typeparamref name="T"/> arrive on <paramref name="eventName"/>, one per wait.</summary>
    public FakeOrchestration Hears<T>(string eventName)
    {
        Context.Setup(c => c.WaitForExternalEvent<T>(eventName, It.IsAny<CancellationToken>()))
            .Returns(() => signals.TryDequeue(out var next)
                ? Task.FromResult((T)next)
                : Task.FromException<T>(new InvalidOperationException("the orchestrator waited for a signal after the last one")));
        return this;
    }

    public IEnumerable<string> Names => Calls.Select(c => c.Name);
}
