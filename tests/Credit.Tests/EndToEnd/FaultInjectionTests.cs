using Credit.Testing.Faults;
using Xunit.Abstractions;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// The shortened fault-injection drill of issue 15 (the full one is its own command, README "Proof under faults"):
/// an undisturbed drill, then the same work with the runtime killed 3 times at random moments.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kills_during_ingestion_and_cases_lose_nothing_and_give_the_figures_of_an_undisturbed_run()
    {
        var options = DrillOptions.Shortened(seed: 15);
        using var log = new StringWriter();
        var undisturbed = await new FaultDrill(options with { Kills = 0 }, log).RunAsync(null);
        var drill = await new FaultDrill(options, log).RunAsync(undisturbed.Statistics);

        undisturbed.Print(log, "undisturbed drill");
        drill.Print(log, "drill");
        output.WriteLine(log.ToString());
        Assert.True(undisturbed.Holds && drill.Holds, log.ToString());
        Assert.Equal(options.Kills, drill.Kills.Count);
        Assert.Contains(drill.Invariants, i => i.Name == "statistics equal to an undisturbed run");
    }
}
