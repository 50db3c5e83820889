namespace Credit.Lists;

/// <summary>"{initiating department}-{r|b|w}{24 hex}": the department tells the partition, the rest is a keyed hash of the entry's identity.</summary>
public static class ListEntryId
{
    const int HashLength = 24;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string departmentCode, ListType listType, string subjectKey, string decisionDocument, Identifiers.SubjectKeys keys) =>
        $"{departmentCode}-{Letter(listType)}{keys.Identifier($"{listType}|{subjectKey}|{decisionDocument.Trim()}", HashLength)}";

    static char Letter(ListType listType) => listType switch
    {
        ListType.Red => 'r',
        ListType.Black => 'b',
        _ => 'w',
    };

    public static bool TryParse(string id, out string departmentCode)
    {
        departmentCode = string.Empty;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash != Identifiers.UnifiedSocialCreditCode.Length || id.Length != dash + 2 + HashLength
            || id[dash + 1] is not ('r' or 'b' or 'w') || id.AsSpan(dash + 2).ContainsAnyExcept(LowerHex))
        {
            return false;
        }

        departmentCode = id[..dash];
        return true;
    }
}
