using Credit.Signals;
using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace Credit.Tests.Replay;

/// <summary>
/// Runs an orchestrator as the engine does, one episode at a time, through the worker's own replay entry point
/// (<see cref="GrpcOrchestrationRunner"/>, which the Functions host calls): each episode replays the history so far
/// and processes the new events; every task the orchestrator schedules completes with the result a scenario gives.
/// The history it builds is what the engine would have stored.
/// </summary>
public static class HistoryDriver
{
    static readonly DateTime Start = new(2025, 3, 3, 2, 0, 0, DateTimeKind.Utc);
    static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    /// <summary>One orchestration's history from its start through the scenario's signals: the last episode's request and response.</summary>
    public static (OrchestratorRequest Request, OrchestratorResponse Response) Record(
        ITaskOrchestrator orchestrator, string name, string version, string instanceId, object input, Func<string, object?> taskResult, IReadOnlyList<OrchestrationSignal> signals)
    {
        var clock = 0;
        HistoryEvent At(HistoryEvent e, int id = -1)
        {
            e.EventId = id;
            e.Timestamp = Timestamp.FromDateTime(Start.AddSeconds(clock++));
            return e;
        }

        var past = new List<HistoryEvent>();
        List<HistoryEvent> fresh =
        [
            At(new HistoryEvent { OrchestratorStarted = new OrchestratorStartedEvent() }),
            At(new HistoryEvent
            {
                ExecutionStarted = new ExecutionStartedEvent
                {
                    Name = name,
                    Version = version,
                    Input = JsonDataConverter.Default.Serialize(input),
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "1" },
                },
            }),
        ];
        var next = 0;
        while (true)
        {
            var (request, response) = Run(orchestrator, instanceId, past, fresh);
            past.AddRange(fresh);
            var completed = new List<HistoryEvent>();
            foreach (var action in response.Actions)
            {
                if (action.ScheduleTask is { } task)
                {
                    past.Add(At(new HistoryEvent { TaskScheduled = new TaskScheduledEvent { Name = task.Name, Input = task.Input } }, action.Id));
                    completed.Add(At(new HistoryEvent { TaskCompleted = new TaskCompletedEvent { TaskScheduledId = action.Id, Result = JsonDataConverter.Default.Serialize(taskResult(task.Name)) } }));
                }
                else if (action.CompleteOrchestration is not null)
                {
                    return (request, response);
                }
            }

            past.Add(At(new HistoryEvent { OrchestratorCompleted = new OrchestratorCompletedEvent() }));
            if (completed.Count == 0 && next == signals.Count)
            {
                return (request, response);
            }

            fresh = [At(new HistoryEvent { OrchestratorStarted = new OrchestratorStartedEvent() })];
            if (completed.Count > 0)
            {
                fresh.AddRange(completed);
            }
            else
            {
                var signal = signals[next++];
                fresh.Add(At(new HistoryEvent { EventRaised = new EventRaisedEvent { Name = signal.EventName, Input = JsonDataConverter.Default.Serialize(signal.ToWire()) } }));
            }
        }
    }

    /// <summary>One episode: the orchestrator replays <paramref name="past"/> and processes <paramref name="fresh"/>.</summary>
    public static (OrchestratorRequest Request, OrchestratorResponse Response) Run(ITaskOrchestrator orchestrator, string instanceId, IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> fresh)
    {
        var request = new OrchestratorRequest { InstanceId = instanceId };
        request.PastEvents.AddRange(past);
        request.NewEvents.AddRange(fresh);
        return (request, Replay(orchestrator, request));
    }

    public static OrchestratorResponse Replay(ITaskOrchestrator orchestrator, OrchestratorRequest request)
    {
        var encoded = GrpcOrchestrationRunner.LoadAndRun(Convert.ToBase64String(Google.Protobuf.MessageExtensions.ToByteArray(request)), orchestrator, Services);
        return OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encoded));
    }
}
