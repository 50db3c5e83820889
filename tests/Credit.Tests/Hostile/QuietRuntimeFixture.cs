using Credit.Tests.Support;

namespace Credit.Tests.Hostile;

/// <summary>
/// A runtime whose timers do not fire while the tests run, on an Azurite of its own (no other test's pending work,
/// no stored timer status falling due at start): so that "nothing stored changed" is about the request alone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class QuietRuntimeFixture : IAsyncLifetime
{
    const string Yearly = "0 0 0 1 1 *";
    readonly Azurite azurite = new();

    public RuntimeFixture Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Runtime = new RuntimeFixture(azurite, new Dictionary<string, string>
        {
            ["DisclosureSchedule"] = Yearly,
            ["ExpirySchedule"] = Yearly,
            ["DeadlineSchedule"] = Yearly,
            ["StatisticsSchedule"] = Yearly,
            // Every anonymous case is a public call from one address: the table is not to meet the rate limit.
            ["PublicApi__Burst"] = "1000",
        });
        await Runtime.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
