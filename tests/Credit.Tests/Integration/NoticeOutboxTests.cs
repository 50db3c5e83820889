using Credit.Statistics;
using Credit.Notices;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Moq;

namespace Credit.Tests.Integration;

/// <summary>The local push channel (a Storage queue per department) and the outbox in front of every channel, on Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class NoticeOutboxTests(Azurite azurite)
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static CaseNotice Notice(string department, string caseId, string kind = NoticeKinds.Push) =>
        new($"{caseId}-1-{kind}-{department}", department, caseId, kind, DateTimeOffset.UtcNow, $$"""{"caseId":"{{caseId}}","kind":"{{kind}}"}""");

    async Task<List<string>> QueuedAsync(string department)
    {
        var queue = storage.Queues.GetQueueClient(QueueNoticeChannel.QueueName(department));
        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];
    }

    [Fact]
    public async Task A_notice_lands_on_its_department_queue_once_however_often_it_is_sent()
    {
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(901);
        var outbox = new NoticeOutbox(storage, new QueueNoticeChannel(storage), new StatisticsLedger(storage));
        var notice = Notice(department, "case-a");

        await outbox.SendAsync(notice);
        await outbox.SendAsync(notice);

        Assert.Equal([notice.Body], await QueuedAsync(department));
    }

    [Fact]
    public async Task A_send_that_failed_is_sent_again_by_the_retried_step()
    {
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(903);
        var failing = new Mock<INoticeChannel>();
        failing.Setup(c => c.SendAsync(It.IsAny<CaseNotice>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection reset"));
        var notice = Notice(department, "case-b");

        await Assert.ThrowsAsync<IOException>(() => new NoticeOutbox(storage, failing.Object, new StatisticsLedger(storage)).SendAsync(notice));
        await new NoticeOutbox(storage, new QueueNoticeChannel(storage), new StatisticsLedger(storage)).SendAsync(notice);

        Assert.Equal([notice.Body], await QueuedAsync(department));
    }

    [Fact]
    public async Task A_notice_stays_pending_until_its_last_item_is_answered_or_it_is_closed()
    {
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(904);
        var outbox = new NoticeOutbox(storage, new QueueNoticeChannel(storage), new StatisticsLedger(storage));
        var push = Notice(department, "case-d") with { Items = 2 };
        var reminder = Notice(department, "case-d", NoticeKinds.Reminder);
        await outbox.SendAsync(Notice(department, "case-c"));
        await outbox.SendAsync(push);
        await outbox.SendAsync(reminder);
        await outbox.SendAsync(Notice(department, "case-d", NoticeKinds.Lift));

        await outbox.CountDownAsync(department, push.NoticeId, [reminder.NoticeId]);
        Assert.Equal(4, (await outbox.PendingAsync(department)).Count);

        await outbox.CountDownAsync(department, push.NoticeId, [reminder.NoticeId]);
        await outbox.CloseAsync(department, [$"case-c-1-push-{department}", "never-sent"]);

        Assert.Equal([$"case-d-1-lift-{department}"], (await outbox.PendingAsync(department)).Select(n => n.NoticeId));
    }
}
