namespace Credit.Records;

/// <summary>A 是/否 cell or fact as departments write it: 是/否, true/false, yes/no, Y/N or 1/0, in any case.</summary>
public static class YesNoText
{
    /// <summary>True for yes, false for no, null when the text is neither.</summary>
    public static bool? Parse(string value) => value.Trim().ToUpperInvariant() switch
    {
        "是" or "TRUE" or "YES" or "Y" or "1" => true,
        "否" or "FALSE" or "NO" or "N" or "0" => false,
        _ => null,
    };
}
