namespace Credit.JointCases;

/// <summary>A step of a case in a given round (round 1 is the first push; each amendment starts the next).</summary>
public sealed record CaseStep(string CaseId, int Round);

/// <summary>An amendment to apply as round <see cref="Round"/>; <see cref="AmendmentId"/> (from version 3) is kept as applied, for a restarted instance.</summary>
public sealed record CaseAmendment(string CaseId, int Round, bool RefreshMeasures, string Reason, string? AmendmentId = null);

public sealed record CaseClosing(string CaseId, CaseEndReason Reason);

/// <summary>
/// What the lifecycle waits for after a push: the assignments still unanswered, and the end of the period. Opening
/// a case already opened (an orchestration restarted from the stored state) gives where it stands: its
/// <see cref="State"/>, its round, while lifting the departments still to acknowledge and why it ended, and the
/// amendments it has applied (a client's retry of one of them is not applied again).
/// </summary>
public sealed record CaseProgress(
    int Round, IReadOnlyList<string> Outstanding, DateOnly EndDate, CaseState State = CaseState.Initiated, CaseEndReason? EndReason = null, IReadOnlyList<string>? AppliedAmendments = null);
