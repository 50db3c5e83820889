namespace Credit.Records;

/// <summary>Folds the ways departments spell a header (required-marks, full-width brackets, spaces, 、) into one key.</summary>
public static class HeaderText
{
    public static string Normalize(string header)
    {
        var buffer = new System.Text.StringBuilder(header.Length);
        foreach (var c in header.AsSpan().Trim().TrimStart('\uFEFF'))
        {
            switch (c)
            {
                case '*' or '＊' or '、' or ' ' or '\u3000' or '\t':
                    continue;
                case '（':
                    buffer.Append('(');
                    break;
                case '）':
                    buffer.Append(')');
                    break;
                default:
                    buffer.Append(c);
                    break;
            }
        }

        return buffer.ToString();
    }
}
