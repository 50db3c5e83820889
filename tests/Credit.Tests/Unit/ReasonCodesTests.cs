using System.Text.RegularExpressions;
using Credit.Records;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>The office sees every reason intake counts by name: each code literal in intake's sources is in the catalogue, in both languages.</summary>
public sealed partial class ReasonCodesTests
{
    // Where intake's file and row refusals are written (record validation, identifiers, text rules, file errors, the publicity warning).
    static readonly string[] Sources = ["credit/Records", "credit/Intake", "credit/Identifiers", "credit/Disclosure/PublicityPeriod.cs"];

    [GeneratedRegex("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})\"")]
    private static partial Regex CodeLiteral();

    [Fact]
    public void Every_code_intake_can_give_is_named_in_both_languages()
    {
        // The national template's field codes (CF_WSH; the subject's XDR_SHXYM after its kind's prefix) and the yes/no
        // spellings are literals too, not reasons.
        var fieldCodes = RecordSchema.Penalty.Fields.Concat(RecordSchema.License.Fields).Select(f => f.Code)
            .SelectMany(code => new[] { code, code[(code.IndexOf('_', StringComparison.Ordinal) + 1)..] })
            .Concat(["TRUE", "FALSE"]).ToHashSet(StringComparer.Ordinal);
        var files = Sources.Select(s => Path.Combine(Repository.Root, s))
            .SelectMany(p => File.Exists(p) ? [p] : Directory.EnumerateFiles(p, "*.cs"))
            .ToList();
        var codes = files.SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(code => !fieldCodes.Contains(code))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("USCC_CHECK_CHARACTER", codes);
        Assert.Empty(codes.Where(code => !ReasonCodes.All.ContainsKey(code)).Order(StringComparer.Ordinal));
        Assert.All(ReasonCodes.All, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value.Zh) || string.IsNullOrWhiteSpace(pair.Value.En), pair.Key));
    }
}
