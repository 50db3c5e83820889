using Credit.Identifiers;

namespace Credit.Records;

/// <summary>
/// Why one row (or, with <see cref="Row"/> 0, the whole file) was rejected: where, what value, and which rule, in
/// Chinese and English. The value and the messages never carry an ID or mobile number whole, whatever column it sat
/// in: a report is read by more people than the data it rejects.
/// </summary>
public sealed record RowError(long Row, string? Column, string? Value, string Code, string MessageZh, string MessageEn)
{
    public string? Value { get; init; } = Value is null ? null : PersonalDataMasking.MaskFreeText(Value);

    public string MessageZh { get; init; } = PersonalDataMasking.MaskFreeText(MessageZh);

    public string MessageEn { get; init; } = PersonalDataMasking.MaskFreeText(MessageEn);
}
