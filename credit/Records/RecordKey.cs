namespace Credit.Records;

/// <summary>
/// The storage address of a record. Row key: a keyed hash of (kind, document number, subject); partition:
/// the department plus the row key's first hex digit, so one department's uploads spread over 16 partitions
/// instead of forming a hot one. The public id "{department}-{rowKey}" carries both back.
/// </summary>
public sealed record RecordKey(string PartitionKey, string RowKey)
{
    const int RowKeyLength = 32;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public string DepartmentCode => PartitionKey[..^2];

    public string Id => $"{DepartmentCode}-{RowKey}";

    public static RecordKey For(string departmentCode, RecordKind kind, string documentNumber, string subjectKey, Identifiers.SubjectKeys keys)
    {
        var rowKey = keys.Identifier($"{kind}|{documentNumber}|{subjectKey}", RowKeyLength);
        return new RecordKey($"{departmentCode}-{rowKey[0]}", rowKey);
    }

    public static bool TryParseId(string id, out RecordKey key)
    {
        key = null!;
        var dash = id.LastIndexOf('-');
        if (dash != Identifiers.UnifiedSocialCreditCode.Length || id.Length != dash + 1 + RowKeyLength
            || id.AsSpan(dash + 1).IndexOfAnyExcept(LowerHex) >= 0)
        {
            return false;
        }

        var rowKey = id[(dash + 1)..];
        key = new RecordKey($"{id[..dash]}-{rowKey[0]}", rowKey);
        return true;
    }
}
