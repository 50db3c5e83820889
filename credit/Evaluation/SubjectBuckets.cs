namespace Credit.Evaluation;

/// <summary>
/// Sixteen partitions ("0".."f") that subjects spread over by the last character of their key (a credit code's check
/// character, or a person key's last hex digit): many subjects' rows then share a partition, and a run writes them a
/// hundred to a transaction instead of one request each.
/// </summary>
public static class SubjectBuckets
{
    public static string Of(string subjectKey) => (subjectKey[^1] % 16).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
