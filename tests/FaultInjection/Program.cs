using System.Globalization;
using Credit.Testing.Faults;

// Issue 15's proof under faults (README, "Proof under faults"): an undisturbed drill gives the figures to compare
// with; then the drill runs with kills, twice in a row, each with the next seed. Exit code 0 when every invariant
// of every run holds.
//   dotnet run -c Release --project tests/FaultInjection [-- --kills 20 --seed 15 --runs 2]
var kills = Option("--kills", 20);
var seed = Option("--seed", Environment.TickCount & 0xFFFF);
var runs = Option("--runs", 2);
var options = DrillOptions.Full(seed) with { Kills = kills };

var undisturbed = await new FaultDrill(options with { Kills = 0 }, Console.Out).RunAsync(null);
undisturbed.Print(Console.Out, "undisturbed drill");
var holds = undisturbed.Holds;
for (var run = 1; run <= runs; run++)
{
    var drill = await new FaultDrill(options with { Seed = seed + run }, Console.Out).RunAsync(undisturbed.Statistics);
    drill.Print(Console.Out, $"drill {run} of {runs}");
    holds &= drill.Holds && drill.Kills.Count >= kills;
}

Console.WriteLine(holds ? "every invariant held in every run" : "AN INVARIANT WAS BROKEN");
return holds ? 0 : 1;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
