namespace Credit.Records;

/// <summary>What a file holds: one of the two kinds of 双公示 decisions, red/black list entries, credit commitments, or lists another platform sends.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RecordKind>))]
public enum RecordKind
{
    /// <summary>行政处罚 (administrative penalty).</summary>
    Penalty,

    /// <summary>行政许可 (administrative licensing).</summary>
    License,

    /// <summary>红黑名单列入信息 (red and black list entries; each starts a joint case, none is a disclosure record).</summary>
    ListEntry,

    /// <summary>名单交换 (entries of another platform's lists, Exchange.ImportedEntryColumns; they arrive in exchange/in/{source}/, never as a department's upload).</summary>
    ExchangeEntry,

    /// <summary>信用承诺 (a department's register of commitments, Commitments.CommitmentColumns; none is a disclosure record).</summary>
    Commitment,
}
