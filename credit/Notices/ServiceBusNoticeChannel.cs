using Azure.Messaging.ServiceBus;

namespace Credit.Notices;

/// <summary>
/// Notices on the Service Bus topic <c>joint-cases</c>: each department's subscription filters on the application
/// property <c>department</c>; MessageId lets the topic drop a repeated send; SessionId keeps one case's notices in order.
/// </summary>
public sealed class ServiceBusNoticeChannel(ServiceBusSender sender) : INoticeChannel
{
    public const string TopicName = "joint-cases";
    public const string DepartmentProperty = "department";

    public Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default) =>
        sender.SendMessageAsync(ToMessage(notice), cancellationToken);

    public static ServiceBusMessage ToMessage(CaseNotice notice) => new(BinaryData.FromString(notice.Body))
    {
        MessageId = notice.NoticeId,
        SessionId = notice.CaseId,
        Subject = notice.Kind,
        ContentType = "application/json",
        ApplicationProperties = { [DepartmentProperty] = notice.Department },
    };
}
