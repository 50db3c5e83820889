using Azure.Storage.Queues;
using Credit.Notices;
using Credit.Storage;

namespace Credit.Benchmarks;

/// <summary>
/// The implementing departments' systems: each reads its notice queue as notices arrive (receive, then delete), as a
/// department does in production. Left unread, notices pile up in Azurite's single message store, which re-sorts
/// every standing message on each dequeue of any queue — the durable engine's included — a cost Azure's queues do not have.
/// </summary>
sealed class NoticeReaders : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task[] readers;
    int read;

    public NoticeReaders(StorageClients storage, IEnumerable<string> departments) =>
        readers = [.. departments.Select(d => ReadAsync(storage.Queues.GetQueueClient(QueueNoticeChannel.QueueName(d)), stop.Token))];

    /// <summary>Waits until the departments have read, in all, <paramref name="perDepartment"/> notices for each of them.</summary>
    public async Task UntilReadAsync(int perDepartment)
    {
        while (Volatile.Read(ref read) < perDepartment * readers.Length)
        {
            if (readers.FirstOrDefault(r => r.IsFaulted) is { } failed)
            {
                await failed;
            }

            await Task.Delay(200);
        }
    }

    async Task ReadAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            foreach (var message in messages)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                Interlocked.Increment(ref read);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(readers);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next notice.
        }

        stop.Dispose();
    }
}
