namespace Credit.Records;

/// <summary>
/// What text a department or a caller may put in a field: no control characters (a line break or tab only in
/// multi-line free text), no bidirectional override or isolate characters (they make a name read differently from
/// what is stored: U+202A–U+202E, U+2066–U+2069), no lone surrogates or noncharacters, and no more than the field's
/// length. Every check names the offending character by position and code point.
/// </summary>
public static class TextRules
{
    /// <summary>The length of a free-text field where the national template sets none: far below the 32 K of a table property.</summary>
    public const int DefaultMaxLength = 2000;

    public static RowError? Check(long row, string column, string label, string value, int maxLength, bool multiLine)
    {
        if (value.Length > maxLength)
        {
            return new RowError(row, column, $"{value[..Math.Min(40, maxLength)]}…", "TOO_LONG",
                $"{label}过长：{value.Length}个字符，最多{maxLength}个",
                $"{label} is too long: {value.Length} characters, at most {maxLength}");
        }

        var bad = FirstForbidden(value, multiLine);
        if (bad < 0)
        {
            return null;
        }

        var codePoint = $"U+{(int)value[bad]:X4}";
        return new RowError(row, column, codePoint, "FORBIDDEN_CHARACTER",
            $"{label}第{bad + 1}个字符{codePoint}不允许出现（控制字符、双向文本控制符或无效字符）",
            $"{label}: character {bad + 1} ({codePoint}) is not allowed (a control, bidirectional override or invalid character)");
    }

    /// <summary>The index of the first character <see cref="Check"/> refuses, or -1.</summary>
    public static int FirstForbidden(string value, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (IsForbidden(c, multiLine))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What an answer quotes of a caller's text: its printable form, cut at <paramref name="maxLength"/>.</summary>
    public static string Echo(string value, int maxLength = 64) => Printable(value.Length > maxLength ? value[..maxLength] + "…" : value);

    /// <summary>
    /// <paramref name="value"/> with every character <see cref="Check"/> refuses in single-line text shown as '?': what an
    /// answer may quote back of a caller's input.
    /// </summary>
    public static string Printable(string value)
    {
        var bad = FirstForbidden(value, multiLine: false);
        if (bad < 0)
        {
            return value;
        }

        var text = value.ToCharArray();
        for (var i = bad; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsForbidden(text[i], multiLine: false))
            {
                text[i] = '?';
            }
        }

        return new string(text);
    }

    /// <summary>A lone surrogate here: a pair is let through by the callers.</summary>
    static bool IsForbidden(char c, bool multiLine) => c switch
    {
        '\n' or '\r' or '\t' => !multiLine,
        _ when char.IsControl(c) || char.IsSurrogate(c) => true,
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => true,
        >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF' => true,
        _ => false,
    };
}
