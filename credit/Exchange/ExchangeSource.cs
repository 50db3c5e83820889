using Credit.Lists;

namespace Credit.Exchange;

/// <summary>
/// A kind of list a source sends (a court's 失信被执行人, a tax authority's 重大税收违法失信主体…): the list type it
/// counts as in Beijing, whether the source publishes it, and the measures Beijing binds to it (codes of the
/// measures list), shown to a department whose credit check meets an entry of it.
/// </summary>
public sealed record ExchangeListKind(string Code, string Name, ListType ListType, bool Public, IReadOnlyList<string> Measures);

/// <summary>
/// A platform Beijing exchanges lists with (the seed, 二(一)2 and 二(五)3: the 全国信用信息共享平台, Tianjin, Hebei):
/// its files arrive in exchange/in/{Code}/, and each row names one of its <see cref="ListKinds"/>. Kept in versions
/// like the measures list, so an entry keeps the version of its source it was imported under. <see cref="PullUrl"/>: where
/// the source publishes its file, fetched on a timer (<see cref="ExchangePull"/>), for a source that does not push.
/// </summary>
public sealed record ExchangeSource(string Code, int Version, string Name, string NameEn, IReadOnlyList<ExchangeListKind> ListKinds, bool Retired, Uri? PullUrl = null)
    : Storage.IVersioned<ExchangeSource>
{
    public ExchangeSource AsVersion(int version, bool retired) => this with { Version = version, Retired = retired };

    public ExchangeListKind? Kind(string code) => ListKinds.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));
}
