namespace Credit.Lists;

/// <summary>"{initiating department}-{r|b}{24 hex}": the department tells the partition, the rest is a keyed hash of the entry's identity.</summary>
public static class ListEntryId
{
    const int HashLength = 24;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string departmentCode, ListType listType, string subjectKey, string decisionDocument, Identifiers.SubjectKeys keys) =>
        $"{departmentCode}-{(listType == ListType.Red ? 'r' : 'b')}{keys.Identifier($"{listType}|{subjectKey}|{decisionDocument.Trim()}", HashLength)}";

    public static bool TryParse(string id, out string departmentCode)
    {
        departmentCode = string.Empty;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash != Identifiers.UnifiedSocialCreditCode.Length || id.Length != dash + 2 + HashLength
            || id[dash + 1] is not ('r' or 'b') || id.AsSpan(dash + 2).ContainsAnyExcept(LowerHex))
        {
            return false;
        }

        departmentCode = id[..dash];
        return true;
    }
}
