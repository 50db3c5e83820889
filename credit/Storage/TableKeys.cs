using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Credit.Storage;

/// <summary>
/// The one way user text becomes a table key. Azure Tables refuse '/', '\\', '#', '?' and the control characters
/// U+0000–U+001F and U+007F–U+009F in a key, and keys of more than 1 KiB; a lone surrogate cannot even be sent.
/// Each such character (and '%' itself) becomes '%' and its four hex digits, every other character stays, so a
/// key keeps the order and the prefixes of its text (the public name search relies on that) and distinct texts give
/// distinct keys. A text whose key would pass <see cref="MaxLength"/> characters keeps an encoded prefix followed by
/// "%~" and a SHA-256 of the whole text ("%~" never occurs in an escaped text).
/// </summary>
public static class TableKeys
{
    /// <summary>Characters of a key: well under the service's 1 KiB (512 UTF-16 characters), leaving room for a suffix.</summary>
    public const int MaxLength = 400;
    const int HashedPrefixLength = MaxLength - 2 - 64;

    static readonly SearchValues<char> Escaped = SearchValues.Create("%/\\#?");

    public static string Escape(string text)
    {
        var key = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                key.Append(c).Append(text[++i]);
            }
            else if (MustEscape(c))
            {
                key.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                key.Append(c);
            }
        }

        if (key.Length <= MaxLength)
        {
            return key.ToString();
        }

        // Cut before an escape or a surrogate pair that would be split.
        var cut = HashedPrefixLength;
        var percent = key.ToString(cut - 4, 4).LastIndexOf('%');
        if (percent >= 0)
        {
            cut -= 4 - percent;
        }
        else if (char.IsHighSurrogate(key[cut - 1]))
        {
            cut--;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan())));
        return key.ToString(0, cut) + "%~" + hash;
    }

    /// <summary>Whether a character may not stand in a key as it is (a surrogate here is a lone one).</summary>
    static bool MustEscape(char c) => Escaped.Contains(c) || char.IsControl(c) || char.IsSurrogate(c);
}
