namespace Credit.Storage;

/// <summary>The ids the product makes for what it files (a report "DR…", a complaint "GC…", a 政务失信 record "GR…"): two capitals, then 24 lower hex.</summary>
public static class PrefixedId
{
    public const int HexLength = 24;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static bool Is(string? id, string prefix) =>
        id is { Length: 2 + HexLength } && id.StartsWith(prefix, StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept(LowerHex);
}
