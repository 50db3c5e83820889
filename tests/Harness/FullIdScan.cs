using System.Text.RegularExpressions;
using Credit.Identifiers;

namespace Credit.Testing;

/// <summary>
/// The scan for full resident ID numbers in what the product puts out: every HTTP response the tests receive, every
/// line the runtime logs, every notice a test peeks from a queue. A valid ID number (check character and all) in an
/// output not allowed to carry one is a finding; the allowed outputs are the audited identity endpoint and a
/// person's own <c>/api/me</c>. Findings are written as they are found, the totals when the test process exits, to
/// TestResults/id-scan/; scripts/test.sh prints them and fails the run on a finding.
/// </summary>
public static partial class FullIdScan
{
    static readonly CheckLedger Ledger = new("id-scan", "scanned");

    /// <summary>Whether a response of <paramref name="path"/> may carry a full ID number.</summary>
    public static bool MayCarryFullIds(string path)
    {
        var route = path.Split('?')[0].Trim('/');
        return route == "api/me" || (route.StartsWith("api/cases/", StringComparison.Ordinal) && route.EndsWith("/identity", StringComparison.Ordinal));
    }

    /// <summary>Scans one output of <paramref name="kind"/> (response, log, queue); <paramref name="where"/> says which, for a finding.</summary>
    public static void Scan(string kind, string where, string text, bool allowed = false)
    {
        Ledger.Count(kind);
        if (allowed)
        {
            return;
        }

        var found = Candidate().Matches(text).Select(m => m.Value.ToUpperInvariant()).Where(ResidentIdNumber.IsValid).Distinct().ToList();
        if (found.Count == 0)
        {
            return;
        }

        Ledger.Finding($"{kind}\t{where}\t{string.Join(", ", found.Select(ResidentIdNumber.Mask))}\t{Excerpt(text, found[0])}");
    }

    // Where the number sits, masked, so that the finding itself leaks nothing.
    static string Excerpt(string text, string id)
    {
        var at = text.IndexOf(id, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 60);
        var excerpt = text[start..Math.Min(text.Length, at + id.Length + 60)];
        return Candidate().Replace(excerpt, m => ResidentIdNumber.Mask(m.Value)).ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")]
    private static partial Regex Candidate();
}
