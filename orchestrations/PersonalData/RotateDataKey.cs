using Credit.PersonalData;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.PersonalData;

/// <summary>Where a data key rotation stands: the new version, and how far re-sealing has gone.</summary>
public sealed record KeyRotation(int Version, int RefreshSeconds, int PageSize)
{
    public bool KeyActive { get; init; }

    public int TableIndex { get; init; }

    public string? Token { get; init; }

    public long Scanned { get; init; }

    public long Resealed { get; init; }

    public string? Table => TableIndex < Resealing.Tables.Count ? Resealing.Tables[TableIndex] : null;
}

/// <summary>
/// Rotates the data key of field encryption: wraps the stored keys under the current wrapping key (when that key was
/// rotated too), adds the new data key pending, waits until every instance has loaded it (it can read what is
/// sealed with it), activates it, waits until every instance seals with it, then re-seals every table's values page
/// by page. Old and new versions are readable throughout; killed at any point, it resumes from
/// its history, and a page done twice changes nothing more. It continues as new every few pages, so its history
/// stays short however many rows there are.
/// </summary>
public sealed class RotateDataKey : TaskOrchestrator<KeyRotation, KeyRotation>
{
    const int PagesPerGeneration = 20;

    public override async Task<KeyRotation> RunAsync(TaskOrchestrationContext context, KeyRotation rotation)
    {
        if (!rotation.KeyActive)
        {
            var loadedEverywhere = TimeSpan.FromSeconds(2 * rotation.RefreshSeconds);
            await context.CallActivityAsync(nameof(AddDataKey), rotation.Version, ActivityRetry.Storage);
            await context.CreateTimer(context.CurrentUtcDateTime + loadedEverywhere, CancellationToken.None);
            await context.CallActivityAsync(nameof(ActivateDataKey), rotation.Version, ActivityRetry.Storage);
            await context.CreateTimer(context.CurrentUtcDateTime + loadedEverywhere, CancellationToken.None);
            rotation = rotation with { KeyActive = true };
            context.SetCustomStatus(rotation);
        }

        for (var pages = 0; pages < PagesPerGeneration && rotation.Table is { } table; pages++)
        {
            var page = await context.CallActivityAsync<ResealedPage>(nameof(ResealPage), new ResealRequest(table, rotation.Token, rotation.Version, rotation.PageSize), ActivityRetry.Storage);
            rotation = rotation with
            {
                TableIndex = page.Next is null ? rotation.TableIndex + 1 : rotation.TableIndex,
                Token = page.Next,
                Scanned = rotation.Scanned + page.Scanned,
                Resealed = rotation.Resealed + page.Resealed,
            };
            context.SetCustomStatus(rotation);
        }

        if (rotation.Table is not null)
        {
            context.ContinueAsNew(rotation);
        }

        return rotation;
    }
}

/// <summary>
/// Wraps the stored keys again under the current wrapping key where another one wrapped them (an earlier Key Vault key
/// version, the previous personal-data key), then adds the new data key pending. Each part is done once however often it runs.
/// </summary>
public sealed class AddDataKey(DataKeys keys, LookupKey lookupKey, Credit.CreditReports.ReportSigningKey signingKey) : StepActivity<int>(async version =>
{
    await lookupKey.RewrapAsync();
    await signingKey.RewrapAsync();
    await keys.RewrapAsync();
    await keys.AddPendingAsync(version);
});

public sealed class ActivateDataKey(DataKeys keys) : StepActivity<int>(version => keys.ActivateAsync(version));

public sealed class ResealPage(Resealing resealing) : TaskActivity<ResealRequest, ResealedPage>
{
    public override Task<ResealedPage> RunAsync(TaskActivityContext context, ResealRequest input) => resealing.ResealPageAsync(input);
}
