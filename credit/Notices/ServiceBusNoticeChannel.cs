using System.Diagnostics;
using Azure.Messaging.ServiceBus;

namespace Credit.Notices;

/// <summary>
/// Notices on the Service Bus topic <c>joint-cases</c>: each department's subscription (named by its code) filters on
/// the application property <c>department</c>; MessageId lets the topic drop a repeated send; SessionId keeps one
/// case's notices in order. A notice a subscription gives up on (10 failed deliveries, 14 days unread) goes to its
/// dead-letter queue, which the health check counts.
/// </summary>
public sealed class ServiceBusNoticeChannel(ServiceBusClient client) : INoticeChannel
{
    public const string TopicName = "joint-cases";
    public const string DepartmentProperty = "department";

    /// <summary>The most dead letters counted per department: past it the count says "at least".</summary>
    public const int DeadLetterPeekLimit = 100;

    readonly ServiceBusSender sender = client.CreateSender(TopicName);

    public Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default) =>
        sender.SendMessageAsync(ToMessage(notice), cancellationToken);

    /// <summary>How long a count answers again: the health endpoint is probed every few seconds, a peek costs a round trip per department.</summary>
    static readonly TimeSpan CountFor = TimeSpan.FromMinutes(1);

    /// <summary>The last count, for which departments, and when it was taken.</summary>
    (long At, string Departments, IReadOnlyDictionary<string, int> Counts)? lastCount;

    /// <summary>
    /// Peeks (never receives) each department's dead-letter queue, up to <see cref="DeadLetterPeekLimit"/> each, at
    /// most once a minute for the same departments. A department with no subscription yet (registered after the
    /// template's last deployment) has nothing to count.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountDeadLetteredAsync(IReadOnlyList<string> departments, CancellationToken cancellationToken = default)
    {
        var key = string.Join(',', departments);
        if (lastCount is { } last && last.Departments == key && Stopwatch.GetElapsedTime(last.At) < CountFor)
        {
            return last.Counts;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            await using var receiver = client.CreateReceiver(TopicName, department, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            try
            {
                var peeked = await receiver.PeekMessagesAsync(DeadLetterPeekLimit, cancellationToken: cancellationToken);
                if (peeked.Count > 0)
                {
                    counts[department] = peeked.Count;
                }
            }
            catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.MessagingEntityNotFound)
            {
            }
        }

        lastCount = (Stopwatch.GetTimestamp(), key, counts);
        return counts;
    }

    public static ServiceBusMessage ToMessage(CaseNotice notice) => new(BinaryData.FromString(notice.Body))
    {
        MessageId = notice.NoticeId,
        SessionId = notice.CaseId,
        Subject = notice.Kind,
        ContentType = "application/json",
        ApplicationProperties = { [DepartmentProperty] = notice.Department },
    };
}
