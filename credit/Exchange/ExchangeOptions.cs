namespace Credit.Exchange;

/// <summary>Beijing's outbound exchange (section "Exchange"): to whom it exports, and the working days that judge acknowledgements and sharing.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>The platforms the daily export goes to: source codes, comma-separated (each gets exchange/out/{target}/).</summary>
    public string Targets { get; set; } = "NATIONAL";

    public IReadOnlyList<string> TargetCodes => [.. Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>Working days a target has to acknowledge an export; one not acknowledged by then is sent again.</summary>
    public int AckWorkingDays { get; set; } = 3;

    /// <summary>Working days after a record's publication within which its export counts as on time (共享及时率).</summary>
    public int ShareWorkingDays { get; set; } = 1;
}
