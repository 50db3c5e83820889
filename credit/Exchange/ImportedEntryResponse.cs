using Credit.Catalogue;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.Lists;
using Credit.Records;

namespace Credit.Exchange;

/// <summary>What Beijing's response did with one imported entry: the entry as it is to be stored, the case it started and the case it ends (either may be null).</summary>
public sealed record ResponseStep(ImportedEntry Entry, string? Started, string? Ended);

/// <summary>
/// Beijing's response (响应) to an imported entry whose kind the supervising office configured one for
/// (<see cref="ExchangeResponse"/>; 京政发〔2017〕15号 二(五)3: joint sanctions across regions, and 二(一)2: the national
/// platform's lists): a standing entry becomes a list entry of the responding department and so a joint case with the
/// measures its catalogue item binds; the entry's removal at its source (or its end date, or a correction naming another
/// subject) ends that case with <see cref="CaseEndReason.RemovedAtSource"/>. Each change is marked before it is made
/// (<see cref="SignalMarks"/>), and the imported entry, which records the case, is written after: a crash in between
/// repeats the step on the next import, and the signal drain starts or ends the case the mark names meanwhile.
/// </summary>
public sealed class ImportedEntryResponse(ListStore lists, ConductCatalogue catalogue, SignalMarks marks, SubjectKeys keys, TimeProvider clock)
{
    public async Task<ResponseStep> ApplyAsync(ExchangeSource source, ImportedEntry? previous, ImportedEntry entry, DateOnly today, CancellationToken cancellationToken)
    {
        var held = previous?.ResponseCase;
        var stands = entry.StandsOn(today);
        var ends = held is not null && (!stands || previous!.SubjectKey != entry.SubjectKey);
        if (ends)
        {
            await marks.MarkAsync(SignalOwner.Case, held!, cancellationToken);
            await lists.MarkRemovedAtSourceAsync(held!, entry.RemovedOn ?? today, cancellationToken);
        }

        var kind = source.Kind(entry.ListKind);
        var rule = kind?.Response;
        if (rule is null || !stands || entry.AsRead is null || (held is not null && !ends)
            || await catalogue.FindAsync(rule.CatalogueCode, cancellationToken) is not { Retired: false } item)
        {
            return new ResponseStep(entry with { ResponseCase = held }, null, ends ? held : null);
        }

        var response = ListEntryFor(entry, rule, item, kind!.Name);
        await marks.MarkAsync(SignalOwner.Case, response.Id, cancellationToken);
        await lists.CreateAsync(response, clock.GetUtcNow(), cancellationToken);
        return new ResponseStep(entry with { ResponseCase = response.Id }, response.Id, ends ? held : null);
    }

    ListEntry ListEntryFor(ImportedEntry entry, ExchangeResponse rule, CatalogueItem item, string kindName)
    {
        var link = $"{entry.Source}/{entry.SourceId}";
        // The listing day is part of the identity: a subject the source removes and lists again later is a new response.
        var id = ListEntryId.For(rule.Department, item.ListType, entry.SubjectKey, $"{link}/{DateText.ToIso(entry.StartDate)}", keys);
        return new ListEntry(
            id, rule.Department, item.ListType, entry.AsRead!.Code, entry.SubjectKey, entry.AsRead.Name, entry.SubjectKind,
            kindName, item.Field ?? string.Empty, entry.LegalBasis ?? item.LegalBasis, entry.DecisionDocument ?? link,
            entry.StartDate, PeriodMonths(entry, item), [], item.Code, item.Version, rule.Facts, link);
    }

    /// <summary>Up to the source's end date (whole months, rounded up), else the item's default period; never beyond the item's maximum.</summary>
    static int PeriodMonths(ImportedEntry entry, CatalogueItem item)
    {
        if (entry.EndDate is not { } end)
        {
            return item.DefaultPeriodMonths;
        }

        var months = ((end.Year - entry.StartDate.Year) * 12) + end.Month - entry.StartDate.Month;
        if (entry.StartDate.AddMonths(months) < end)
        {
            months++;
        }

        return Math.Clamp(months, 1, Math.Max(1, item.MaximumPeriodMonths));
    }
}
