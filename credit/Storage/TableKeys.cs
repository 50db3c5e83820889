namespace Credit.Storage;

/// <summary>Table keys may not contain '/', '\\', '#' or '?'; free text (file names) is escaped reversibly.</summary>
public static class TableKeys
{
    public static string Escape(string text) => Uri.EscapeDataString(text);
}
