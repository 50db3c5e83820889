using Credit.Identifiers;
using Credit.Records;

namespace Credit.Commitments;

/// <summary>
/// A commitment as the public sees it (信用承诺公示, 京政发〔2017〕15号 二(二)2): what was promised to which department,
/// by when, and whether it was kept; a person by the masked name the commitment keeps, ID and phone numbers in the
/// text masked, the department's note and the id (for a person it begins with the key of the ID number) left out.
/// </summary>
public sealed record PublicCommitment(
    CommitmentKind Kind, string Department, string DepartmentName, string SubjectName, string Reference, string Text, string TakenOn, string? DueDate, CommitmentStatus Status, string? OutcomeOn)
{
    public static PublicCommitment Of(Commitment c, string departmentName) => new(
        c.Kind, c.Department, departmentName, c.SubjectName, PersonalDataMasking.MaskFreeText(c.Reference),
        PersonalDataMasking.MaskFreeText(c.Text), DateText.ToIso(c.TakenOn), c.DueDate is { } due ? DateText.ToIso(due) : null, c.Status,
        c.OutcomeOn is { } on ? DateText.ToIso(on) : null);
}
