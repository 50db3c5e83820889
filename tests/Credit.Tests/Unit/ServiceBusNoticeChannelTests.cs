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

        await new ServiceBusNoticeChannel(sender.Object).SendAsync(Notice);

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
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => new ServiceBusNoticeChannel(sender.Object).SendAsync(Notice));
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
