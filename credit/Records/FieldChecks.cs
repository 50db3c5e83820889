namespace Credit.Records;

/// <summary>
/// What is wrong with the fields of a request, collected as it is read, so that every problem is named at once (field,
/// value, code, Chinese and English): texts present where required, within their length and printable
/// (<see cref="TextRules"/>), and whatever other rule a reader adds with <see cref="Fail"/>.
/// </summary>
public sealed class FieldChecks
{
    readonly List<RowError> problems = [];

    public IReadOnlyList<RowError> Problems => problems;

    public void Fail(string field, string? value, string code, string zh, string en) => problems.Add(new RowError(0, field, value, code, zh, en));

    public void Add(RowError problem) => problems.Add(problem);

    /// <summary>The text trimmed, or null when it is missing (a problem when <paramref name="required"/>) or breaks a rule (a problem).</summary>
    public string? Text(string field, string label, string? value, int maxLength, bool multiLine, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(field, null, "REQUIRED", $"{label}为必填项", $"{field} is required");
            }

            return null;
        }

        if (TextRules.Check(0, field, label, text, maxLength, multiLine) is { } invalid)
        {
            problems.Add(invalid);
            return null;
        }

        return text;
    }

    /// <summary>The date (yyyy-MM-dd, within <see cref="DateText"/>'s range), or null when it is missing or not one (a problem).</summary>
    public DateOnly? Date(string field, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, null, "REQUIRED", $"{label}为必填项", $"{field} is required");
            return null;
        }

        if (!DateText.TryParse(value.Trim(), out var date))
        {
            Fail(field, TextRules.Echo(value), "INVALID_DATE", $"{label}：{DateText.RuleZh}", $"{field}: {DateText.RuleEn}");
            return null;
        }

        return date;
    }
}
