namespace Credit.Records;

/// <summary>The two kinds of 双公示 decisions.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RecordKind>))]
public enum RecordKind
{
    /// <summary>行政处罚 (administrative penalty).</summary>
    Penalty,

    /// <summary>行政许可 (administrative licensing).</summary>
    License,
}
