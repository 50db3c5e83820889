using Credit.Commitments;
using Credit.Disclosure;
using Credit.Exchange;
using Credit.Lists;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.JointCases;

/// <summary>A penalty of the subject as it was published, with its class (较重/一般/轻微).</summary>
public sealed record PublishedPenalty(string RecordId, DateOnly DecisionDate, string DocumentNumber, PenaltyClass Class);

/// <summary>
/// What a subject's credit stands on: the Beijing list entries that name it (<see cref="Standing"/>) and those that
/// left their lists (<see cref="Ended"/>), the entries other platforms sent (<see cref="Imported"/>, ended ones
/// included), its commitments and its published penalties. 守信激励 eligibility and 信用评价 are both read from it.
/// </summary>
public sealed record SubjectStanding(
    IReadOnlyList<ListHit> Standing, IReadOnlyList<EndedListing> Ended, IReadOnlyList<ImportedEntry> Imported, IReadOnlyList<Commitment> Commitments, IReadOnlyList<PublishedPenalty> Penalties);

/// <summary>Reads a subject's <see cref="SubjectStanding"/>: one partition query of each table that holds its items.</summary>
public sealed class SubjectStandings(ListStore lists, ImportedEntryStore imported, ExchangeSources sources, CommitmentStore commitments, PublicStore published, IOptions<DisclosureOptions> disclosure)
{
    public async Task<SubjectStanding> ReadAsync(string subjectKey, CancellationToken cancellationToken) =>
        await ReadAsync(subjectKey, await PlatformsAsync(cancellationToken), cancellationToken);

    /// <summary>The codes of the platforms that send entries: a run over many subjects reads them once.</summary>
    public async Task<IReadOnlyList<string>> PlatformsAsync(CancellationToken cancellationToken) =>
        [.. (await sources.ListAsync(cancellationToken)).Select(s => s.Code)];

    public async Task<SubjectStanding> ReadAsync(string subjectKey, IReadOnlyList<string> platforms, CancellationToken cancellationToken)
    {
        var listings = await lists.ListingsAsync(subjectKey, cancellationToken);
        var penalties = new List<PublishedPenalty>();
        await foreach (var penalty in published.EntriesAsync(subjectKey, RecordKind.Penalty, cancellationToken))
        {
            penalties.Add(new PublishedPenalty(penalty.RecordId, penalty.DecisionDate, penalty.DocumentNumber, disclosure.Value.ClassOf(penalty.Fields)));
        }

        return new SubjectStanding(
            listings.Standing, listings.Ended, await imported.OfSubjectAsync(subjectKey, platforms, cancellationToken), await commitments.OfSubjectAsync(subjectKey, cancellationToken), penalties);
    }
}
