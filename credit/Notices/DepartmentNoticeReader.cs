using Azure.Messaging.ServiceBus;

namespace Credit.Notices;

/// <summary>
/// How an implementing department reads its notices from Service Bus, as the README shows it: its subscription of
/// topic <c>joint-cases</c> requires sessions and every notice's SessionId is its case, so a session receiver takes one
/// case at a time and gets that case's push, reminders and lift in the order they were sent, however many receivers
/// the department runs. A notice is completed only after the handler returned; one that fails is abandoned, delivered
/// again, and after the subscription's maxDeliveryCount (10) dead-lettered.
/// </summary>
public sealed class DepartmentNoticeReader(ServiceBusClient client, string departmentCode)
{
    /// <summary>Takes the next case with notices waiting and hands them to <paramref name="handle"/> in order; false when none waits.</summary>
    public async Task<bool> ReadNextCaseAsync(Func<CaseNoticeMessage, CancellationToken, Task> handle, CancellationToken cancellationToken = default)
    {
        ServiceBusSessionReceiver session;
        try
        {
            session = await client.AcceptNextSessionAsync(ServiceBusNoticeChannel.TopicName, departmentCode, cancellationToken: cancellationToken);
        }
        catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.ServiceTimeout)
        {
            return false;
        }

        await using (session)
        {
            while (await session.ReceiveMessagesAsync(maxMessages: 20, maxWaitTime: TimeSpan.FromSeconds(1), cancellationToken) is { Count: > 0 } messages)
            {
                foreach (var message in messages)
                {
                    try
                    {
                        await handle(new CaseNoticeMessage(message.SessionId, message.MessageId, message.Subject, message.Body.ToString()), cancellationToken);
                    }
                    catch
                    {
                        // The session's lock is released with the rest unread: the next receiver starts again at this notice.
                        await session.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
                        throw;
                    }

                    await session.CompleteMessageAsync(message, cancellationToken);
                }
            }
        }

        return true;
    }
}

/// <summary>One notice as a department receives it: its case (the session), notice id, kind and JSON body.</summary>
public sealed record CaseNoticeMessage(string CaseId, string NoticeId, string Kind, string Body);
