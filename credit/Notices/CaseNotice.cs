namespace Credit.Notices;

/// <summary>
/// A message to one department about one case: a push, a reminder, an amendment or a lift. <see cref="NoticeId"/> is
/// deterministic (case, round, kind, department), so a repeated send is recognisably the same notice.
/// </summary>
/// <see cref="Items"/> counts what the department has to answer in it (0: nothing to count down).
public sealed record CaseNotice(string NoticeId, string Department, string CaseId, string Kind, DateTimeOffset IssuedAt, string Body, int Items = 0);

public static class NoticeKinds
{
    public const string Push = "push";
    public const string Reminder = "reminder";
    public const string Lift = "lift";
    public const string LiftReminder = "lift-reminder";
}

/// <summary>The push channel: Service Bus in Azure, a Storage queue per department locally.</summary>
public interface INoticeChannel
{
    Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default);

    /// <summary>How many notices the channel gave up delivering, per department with any (none: an empty map).</summary>
    Task<IReadOnlyDictionary<string, int>> CountDeadLetteredAsync(IReadOnlyList<string> departments, CancellationToken cancellationToken = default);
}
