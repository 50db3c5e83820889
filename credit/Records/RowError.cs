namespace Credit.Records;

/// <summary>Why one row (or, with <see cref="Row"/> 0, the whole file) was rejected: where, what value, and which rule, in Chinese and English.</summary>
public sealed record RowError(long Row, string? Column, string? Value, string Code, string MessageZh, string MessageEn);
