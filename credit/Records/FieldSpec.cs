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
/// </summary>
public sealed record FieldSpec(string Code, string Name, bool Required, FieldType Type = FieldType.Text, bool IsPersonalId = false)
{
    public override string ToString() => $"{Name} ({Code})";
}
