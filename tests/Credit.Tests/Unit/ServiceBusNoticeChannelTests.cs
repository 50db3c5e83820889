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
}
