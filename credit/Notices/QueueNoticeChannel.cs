using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Credit.Storage;

namespace Credit.Notices;

/// <summary>Notices locally: one Storage queue per department (<c>notices-{code}</c>), the message the notice's JSON.</summary>
public sealed class QueueNoticeChannel(StorageClients storage) : INoticeChannel
{
    readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> queues = new(StringComparer.Ordinal);

    public static string QueueName(string departmentCode) => $"notices-{departmentCode.ToLowerInvariant()}";

    public async Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default)
    {
        var queue = await queues.GetOrAdd(notice.Department, department => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = storage.Queues.GetQueueClient(QueueName(department));
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return client;
        })).Value;
        // A notice waits until the department reads it, however long that takes (-1: no expiry).
        await queue.SendMessageAsync(BinaryData.FromString(notice.Body), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    /// <summary>None: a Storage queue does not dead-letter, and a notice never expires from it (see <see cref="SendAsync"/>).</summary>
    public Task<IReadOnlyDictionary<string, int>> CountDeadLetteredAsync(IReadOnlyList<string> departments, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>());
}
