using System.Security.Cryptography;
using System.Text;

namespace Credit.Inspections;

/// <summary>A subject that may be drawn: its key and its evaluation.</summary>
public sealed record SamplingCandidate(string SubjectKey, string Grade, int Score);

/// <summary>
/// The draw: from each grade's candidates, the share its ratio says (rounded up, so a grade with subjects and a ratio
/// above nought is never skipped), taken in the order of HMAC-SHA256(seed, subject key). The same seed and candidates
/// give the same draw on any machine and in any year, and no one can choose whom it draws without choosing the seed.
/// </summary>
public static class Sampler
{
    public static IReadOnlyList<SamplingCandidate> Draw(string seed, IEnumerable<SamplingCandidate> candidates, IReadOnlyDictionary<string, double> ratios)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(seed));
        return
        [
            .. candidates
                .GroupBy(c => c.Grade, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(grade =>
                {
                    var count = (int)Math.Ceiling(grade.Count() * ratios.GetValueOrDefault(grade.Key) - 1e-9);
                    return grade
                        .Select(c => (Candidate: c, Order: Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(c.SubjectKey)))))
                        .OrderBy(c => c.Order, StringComparer.Ordinal)
                        .Take(Math.Max(0, count))
                        .Select(c => c.Candidate);
                }),
        ];
    }
}
