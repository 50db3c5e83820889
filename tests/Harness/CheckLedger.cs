using System.Collections.Concurrent;
using System.Globalization;

namespace Credit.Testing;

/// <summary>
/// What a check over the tests' outputs saw, for scripts/test.sh: its findings as they are found, and its counts when
/// the test process exits, in TestResults/{folder}/ (findings-{pid}.txt, {countsName}-{pid}.txt, one line per kind).
/// </summary>
sealed class CheckLedger
{
    readonly string findingsFile;
    readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    readonly Lock writing = new();

    public CheckLedger(string folder, string countsName)
    {
        var directory = Path.Combine(Repository.Root, "TestResults", folder);
        Directory.CreateDirectory(directory);
        findingsFile = Path.Combine(directory, $"findings-{Environment.ProcessId}.txt");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllLines(Path.Combine(directory, $"{countsName}-{Environment.ProcessId}.txt"),
            counts.Select(p => $"{p.Key}\t{p.Value.ToString(CultureInfo.InvariantCulture)}"));
    }

    public void Count(string kind) => counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Finding(string line)
    {
        lock (writing)
        {
            File.AppendAllText(findingsFile, line + Environment.NewLine);
        }
    }
}
