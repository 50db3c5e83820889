namespace Credit.Disclosure;

/// <summary>Where a record stands in public view (stored on the record as "Disclosure").</summary>
public static class DisclosureState
{
    public const string Property = "Disclosure";
    public const string Pending = "pending";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
    /// <summary>Its publicity period had ended before it could be published.</summary>
    public const string Expired = "expired";

    public const string PublishedAt = "PublishedAt";
    public const string Late = "PublishedLate";
    public const string WithdrawOn = "WithdrawOn";
    public const string WithdrawnAt = "WithdrawnAt";
}
