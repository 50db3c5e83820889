using Credit.Lists;

namespace Credit.Exchange;

/// <summary>
/// Beijing's response (响应) to a kind of list: each standing entry of it becomes a list entry of
/// <see cref="Department"/> under the catalogue item <see cref="CatalogueCode"/>, carrying <see cref="Facts"/> (the item's
/// facts the source's listing implies, e.g. 有履行能力但拒不履行 for a court's 失信被执行人), and so a joint case with the
/// measures that item binds; the entry's removal at its source ends the case (京政发〔2017〕15号 二(五)3).
/// </summary>
public sealed record ExchangeResponse(string Department, string CatalogueCode, IReadOnlyDictionary<string, string> Facts);

/// <summary>
/// A kind of list a source sends (a court's 失信被执行人, a tax authority's 重大税收违法失信主体…): the list type it
/// counts as in Beijing, whether the source publishes it, the measures Beijing binds to it (codes of the measures
/// list), shown to a department whose credit check meets an entry of it, and whether Beijing responds with a case of its own.
/// </summary>
public sealed record ExchangeListKind(string Code, string Name, ListType ListType, bool Public, IReadOnlyList<string> Measures, ExchangeResponse? Response = null);

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
