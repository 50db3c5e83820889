using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Disclosure;
using Credit.Records;
using Credit.Storage;

namespace Credit.Calendar;

/// <summary>
/// Holiday arrangements added without a redeploy: blob <c>config/holidays/{year}.json</c> (the built-in per-year
/// format), put in force over the built-in years of <see cref="WorkingDayCalendar"/> when saved here and, on every
/// other instance, by <see cref="RefreshAsync"/>. A blob that fails the checks (written around the API) is left
/// out and named in the result, never half used.
/// </summary>
public sealed class HolidayStore(StorageClients storage, WorkingDayCalendar calendar)
{
    const string Container = StorageNames.ConfigContainer;
    const string Prefix = "holidays/";

    /// <summary>Checks and stores a year's arrangement and puts it in force at once; the errors name every invalid date.</summary>
    public async Task<(YearArrangement? Saved, IReadOnlyList<string> Errors)> SaveAsync(int year, JsonElement json, CancellationToken cancellationToken = default)
    {
        var (arrangement, errors) = YearArrangement.Parse(year, json);
        if (arrangement is null)
        {
            return (null, errors);
        }

        await storage.Container(Container).GetBlobClient($"{Prefix}{year}.json").UploadAsync(BinaryData.FromObjectAsJson(arrangement.ToJson()), overwrite: true, cancellationToken);
        await RefreshAsync(cancellationToken);
        return (arrangement, []);
    }

    /// <summary>Reads every added year and puts them in force; returns the blobs left out and why.</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var container = storage.Container(Container);
        var added = new List<YearArrangement>();
        var refused = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix, cancellationToken))
            {
                var name = blob.Name[Prefix.Length..];
                if (!name.EndsWith(".json", StringComparison.Ordinal) || !int.TryParse(name[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                {
                    refused.Add($"{blob.Name}: not holidays/{{year}}.json");
                    continue;
                }

                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
                try
                {
                    using var document = JsonDocument.Parse(content.Value.Content.ToMemory());
                    var (arrangement, errors) = YearArrangement.Parse(year, document.RootElement);
                    if (arrangement is null)
                    {
                        refused.Add($"{blob.Name}: {string.Join("; ", errors)}");
                    }
                    else
                    {
                        added.Add(arrangement);
                    }
                }
                catch (JsonException e)
                {
                    refused.Add($"{blob.Name}: not JSON ({e.Message})");
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: no year has been added.
        }

        calendar.Use(added);
        return refused;
    }

    /// <summary>
    /// Records whose disclosure deadline was stored as an estimate (it reached into a year without an arrangement),
    /// with the deadline the years now loaded give (the next disclosure and statistics runs use that one, and the
    /// disclosure run stores it with the record). The Records table is scanned with a
    /// server-side filter: such records exist only around the turn of a year, and only the supervisor asks.
    /// </summary>
    public async Task<IReadOnlyList<EstimatedDeadline>> EstimatesAsync(DisclosureDeadlines deadlines, CancellationToken cancellationToken = default)
    {
        var estimates = new List<EstimatedDeadline>();
        var filter = $"DeadlineIsEstimate eq true and {DisclosureState.Property} eq '{DisclosureState.Pending}'";
        await foreach (var entity in storage.Table(StorageNames.RecordsTable).QueryAsync<TableEntity>(filter, select: ["RecordId", "DepartmentCode", "DecisionDate", "DisclosureDeadline"], cancellationToken: cancellationToken))
        {
            if (!DateText.TryParse(entity.GetString("DecisionDate"), out var decided))
            {
                continue;
            }

            var now = deadlines.Compute(decided);
            estimates.Add(new EstimatedDeadline(entity.GetString("RecordId"), entity.GetString("DepartmentCode"), entity.GetString("DecisionDate"), entity.GetString("DisclosureDeadline"), DateText.ToIso(now.Date), now.IsEstimate));
        }

        return estimates;
    }
}

/// <summary>A stored estimate and what the calendar computes today (<see cref="StillEstimate"/> while a year it crosses is still missing).</summary>
public sealed record EstimatedDeadline(string RecordId, string DepartmentCode, string DecisionDate, string StoredDeadline, string DeadlineNow, bool StillEstimate);
