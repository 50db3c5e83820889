namespace Credit.Records;

public enum FieldType
{
    Text,
    Date,
    /// <summary>A date, or 长期 for an open-ended validity.</summary>
    DateOrIndefinite,
    Amount,
    CreditCode,
    SubjectCategory,
    PenaltyCategories,
}

/// <summary>
/// One column of the national 双公示 template. <see cref="Code"/> is the template's column code (CF_*/XK_*),
/// used as the stored property name; <see cref="Name"/> is the Chinese header departments export.
/// <see cref="MaxLength"/> is the template's length where it sets one (<see cref="TextRules.DefaultMaxLength"/>
/// otherwise); <see cref="MultiLine"/> marks free text that may hold line breaks (违法事实, 处罚内容, 备注…).
/// </summary>
public sealed record FieldSpec(string Code, string Name, bool Required, FieldType Type = FieldType.Text, bool IsPersonalId = false, int MaxLength = TextRules.DefaultMaxLength, bool MultiLine = false)
{
    public override string ToString() => $"{Name} ({Code})";
}
