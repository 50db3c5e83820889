using Azure.Messaging.ServiceBus;
using Credit.Notices;
using Moq;

namespace Credit.Tests.Unit;

/// <summary>The Service Bus adapter (no emulator installs here, so the sender is mocked).</summary>
public sealed class ServiceBusNoticeChannelTests
{
    static readonly CaseNotice Notice = new("case-1-push-DEPT", "11110000000000702F", "case-1", NoticeKinds.Push, DateTimeOffset.UnixEpoch, """{"kind":"push"}""");

    [Fact]
    public async Task A_notice_goes_to_the_topic_with_its_department_property_message_id_and_case_session()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent = m)
            .Returns(Task.CompletedTask);

        await new ServiceBusNoticeChannel(ClientWith(sender.Object).Object).SendAsync(Notice);

        sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.NotNull(sent);
        Assert.Equal(Notice.NoticeId, sent.MessageId);
        Assert.Equal(Notice.CaseId, sent.SessionId);
        Assert.Equal(Notice.Kind, sent.Subject);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(Notice.Department, sent.ApplicationProperties[ServiceBusNoticeChannel.DepartmentProperty]);
        Assert.Equal(Notice.Body, sent.Body.ToString());
    }

    [Fact]
    public void What_a_department_subscription_receives_reads_back_as_the_notice()
    {
        var message = ServiceBusNoticeChannel.ToMessage(Notice);
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: message.Body, messageId: message.MessageId, sessionId: message.SessionId, subject: message.Subject,
            properties: message.ApplicationProperties, contentType: message.ContentType);
        Assert.Equal(Notice.Department, received.ApplicationProperties[ServiceBusNoticeChannel.DepartmentProperty]);
        Assert.Equal(Notice.NoticeId, received.MessageId);
        Assert.Equal(Notice.Body, received.Body.ToString());
    }

    [Fact]
    public async Task A_failed_send_surfaces_so_that_the_activity_is_retried()
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("namespace unavailable", ServiceBusFailureReason.ServiceCommunicationProblem));
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => new ServiceBusNoticeChannel(ClientWith(sender.Object).Object).SendAsync(Notice));
        Assert.Equal(ServiceBusFailureReason.ServiceCommunicationProblem, error.Reason);
    }

    [Fact]
    public async Task A_department_reads_one_cases_notices_in_order_from_its_session_and_completes_each_after_handling()
    {
        var notices = new[] { Notice, Notice with { NoticeId = "case-1-remind-DEPT", Kind = NoticeKinds.Reminder }, Notice with { NoticeId = "case-1-lift-DEPT", Kind = NoticeKinds.Lift } };
        var session = SessionOf([.. notices.Select(Received)]);
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.AcceptNextSessionAsync(ServiceBusNoticeChannel.TopicName, Notice.Department, It.IsAny<ServiceBusSessionReceiverOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(session.Object);
        var handled = new List<CaseNoticeMessage>();

        Assert.True(await new DepartmentNoticeReader(client.Object, Notice.Department).ReadNextCaseAsync((m, _) => { handled.Add(m); return Task.CompletedTask; }));

        Assert.Equal(notices.Select(n => n.NoticeId), handled.Select(m => m.NoticeId));
        Assert.All(handled, m => Assert.Equal("case-1", m.CaseId));
        Assert.Equal([NoticeKinds.Push, NoticeKinds.Reminder, NoticeKinds.Lift], handled.Select(m => m.Kind));
        session.Verify(s => s.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_notice_the_department_fails_to_handle_is_abandoned_not_completed_and_the_rest_of_its_case_waits()
    {
        var session = SessionOf([Received(Notice), Received(Notice with { NoticeId = "case-1-lift-DEPT", Kind = NoticeKinds.Lift })]);
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.AcceptNextSessionAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ServiceBusSessionReceiverOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(session.Object);
        var handled = new List<string>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DepartmentNoticeReader(client.Object, Notice.Department)
            .ReadNextCaseAsync((m, _) => { handled.Add(m.NoticeId); throw new InvalidOperationException("the department's system is down"); }));

        Assert.Equal([Notice.NoticeId], handled);
        session.Verify(s => s.AbandonMessageAsync(It.Is<ServiceBusReceivedMessage>(m => m.MessageId == Notice.NoticeId), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        session.Verify(s => s.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task No_case_waiting_is_no_work_not_an_error()
    {
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.AcceptNextSessionAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ServiceBusSessionReceiverOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("no session available", ServiceBusFailureReason.ServiceTimeout));
        Assert.False(await new DepartmentNoticeReader(client.Object, Notice.Department).ReadNextCaseAsync((_, _) => Task.CompletedTask));
    }

    [Fact]
    public void The_department_subscriptions_of_the_template_require_sessions()
    {
        var template = File.ReadAllText(Path.Combine(Credit.Testing.Repository.Root, "infra", "modules", "servicebus.bicep"));
        Assert.Contains("requiresSession: true", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_are_counted_per_department_by_peeking_never_receiving()
    {
        var client = ClientWith(new Mock<ServiceBusSender>().Object);
        var departments = new Dictionary<string, Mock<ServiceBusReceiver>>
        {
            ["11110000000000701X"] = DeadLetterQueueOf(3),
            ["11110000000000702F"] = DeadLetterQueueOf(0),
            ["11110000000000703B"] = DeadLetterQueueOf(ServiceBusNoticeChannel.DeadLetterPeekLimit),
        };
        foreach (var (department, receiver) in departments)
        {
            client.Setup(c => c.CreateReceiver(ServiceBusNoticeChannel.TopicName, department, It.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter)))
                .Returns(receiver.Object);
        }

        // Registered after the template's last deployment: no subscription, nothing to count.
        var unsubscribed = new Mock<ServiceBusReceiver>();
        unsubscribed.Setup(r => r.PeekMessagesAsync(It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("subscription not found", ServiceBusFailureReason.MessagingEntityNotFound));
        client.Setup(c => c.CreateReceiver(ServiceBusNoticeChannel.TopicName, "11110000000000704C", It.IsAny<ServiceBusReceiverOptions>())).Returns(unsubscribed.Object);

        var counts = await new ServiceBusNoticeChannel(client.Object).CountDeadLetteredAsync([.. departments.Keys, "11110000000000704C"]);

        Assert.Equal(new Dictionary<string, int> { ["11110000000000701X"] = 3, ["11110000000000703B"] = ServiceBusNoticeChannel.DeadLetterPeekLimit }, counts);
        foreach (var receiver in departments.Values)
        {
            receiver.Verify(r => r.PeekMessagesAsync(ServiceBusNoticeChannel.DeadLetterPeekLimit, It.IsAny<long?>(), It.IsAny<CancellationToken>()), Times.Once);
            receiver.Verify(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        }
    }

    [Fact]
    public async Task A_health_probe_within_a_minute_gets_the_last_count_without_peeking_again()
    {
        var client = ClientWith(new Mock<ServiceBusSender>().Object);
        var receiver = DeadLetterQueueOf(2);
        client.Setup(c => c.CreateReceiver(ServiceBusNoticeChannel.TopicName, It.IsAny<string>(), It.IsAny<ServiceBusReceiverOptions>())).Returns(receiver.Object);
        var channel = new ServiceBusNoticeChannel(client.Object);

        var first = await channel.CountDeadLetteredAsync(["11110000000000701X"]);
        var second = await channel.CountDeadLetteredAsync(["11110000000000701X"]);
        var otherDepartments = await channel.CountDeadLetteredAsync(["11110000000000701X", "11110000000000702F"]);

        Assert.Equal(2, first["11110000000000701X"]);
        Assert.Same(first, second);
        Assert.Equal(2, otherDepartments.Count);
        receiver.Verify(r => r.PeekMessagesAsync(It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_namespace_that_cannot_be_reached_surfaces_so_that_the_health_check_says_unknown()
    {
        var client = ClientWith(new Mock<ServiceBusSender>().Object);
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.PeekMessagesAsync(It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("namespace unavailable", ServiceBusFailureReason.ServiceCommunicationProblem));
        client.Setup(c => c.CreateReceiver(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ServiceBusReceiverOptions>())).Returns(receiver.Object);
        await Assert.ThrowsAsync<ServiceBusException>(() => new ServiceBusNoticeChannel(client.Object).CountDeadLetteredAsync(["11110000000000701X"]));
    }

    static Mock<ServiceBusClient> ClientWith(ServiceBusSender sender)
    {
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateSender(ServiceBusNoticeChannel.TopicName)).Returns(sender);
        return client;
    }

    static Mock<ServiceBusReceiver> DeadLetterQueueOf(int count)
    {
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.PeekMessagesAsync(It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. Enumerable.Range(0, count).Select(i => Received(Notice with { NoticeId = $"dead-{i}" }))]);
        return receiver;
    }

    static ServiceBusReceivedMessage Received(CaseNotice notice)
    {
        var message = ServiceBusNoticeChannel.ToMessage(notice);
        return ServiceBusModelFactory.ServiceBusReceivedMessage(body: message.Body, messageId: message.MessageId, sessionId: message.SessionId, subject: message.Subject, properties: message.ApplicationProperties);
    }

    /// <summary>A session receiver that hands out the messages in one batch, then none.</summary>
    static Mock<ServiceBusSessionReceiver> SessionOf(IReadOnlyList<ServiceBusReceivedMessage> messages)
    {
        var session = new Mock<ServiceBusSessionReceiver>();
        session.SetupSequence(s => s.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(messages)
            .ReturnsAsync([]);
        return session;
    }
}
