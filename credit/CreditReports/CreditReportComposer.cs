using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Commitments;
using Credit.Departments;
using Credit.Disclosure;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.CreditReports;

/// <summary>
/// What a subject (or, with <see cref="ConsentId"/>, a grantee under its consent) asked for: the kind, and for a 专项
/// report the fields (领域) and departments it asks about.
/// </summary>
public sealed record CreditReportOrder(
    string Id, string SubjectKey, CreditReportKind Kind, IReadOnlyList<string> Fields, IReadOnlyList<string> Departments, DateTimeOffset IssuedAt, string VerificationUrl, string? ConsentId = null);

/// <summary>
/// Gathers a report's content from the stored records, list entries and remedies, by the rules of
/// docs/credit-reports.md: the subject's records that are or were public (found through its partition of the public
/// records, each read by a point read: the cost follows the subject, not the size of any table), decisions of the 5
/// years before the issue day; revoked ones (a revocation, an objection
/// upheld) never; a penalty only while its publicity period runs (北京市公共信用信息管理办法; DOMAIN.md), a repaired
/// one marked 已修复 with its day; the list entries that stand; the commitments taken in the 5 years, a breach among
/// them (二(二)2: 将履行承诺情况纳入信用记录); the entries of other platforms' lists that stand; the objections still undecided.
/// </summary>
public sealed class CreditReportComposer(
    PublicStore publicRecords, RecordStore records, ListStore lists, RemedyStore remedies, DepartmentRegistry departments, IOptions<DisclosureOptions> disclosure,
    CommitmentStore commitments, Exchange.ImportedEntryStore importedEntries, Exchange.ExchangeSources sources)
{
    public async Task<CreditReport> ComposeAsync(CreditReportOrder order, CancellationToken cancellationToken)
    {
        var ids = await publicRecords.RecordIdsAsync(order.SubjectKey, cancellationToken);
        var stored = await records.GetManyAsync(ids.Select(id => RecordKey.TryParseId(id, out var key) ? key : null).OfType<RecordKey>(), cancellationToken);
        var ownRemedies = await remedies.OfSubjectAsync(order.SubjectKey, cancellationToken);
        var entries = await lists.StandingAsync(order.SubjectKey, cancellationToken);
        var names = (await departments.ListAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var promised = await commitments.OfSubjectAsync(order.SubjectKey, cancellationToken);
        var platforms = (await sources.ListAsync(cancellationToken)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        var today = BeijingTime.Today(order.IssuedAt);
        var elsewhere = (await importedEntries.OfSubjectAsync(order.SubjectKey, platforms.Keys, cancellationToken))
            .Where(e => e.StandsOn(today))
            .Select(e => (Entry: e, Source: platforms.GetValueOrDefault(e.Source)))
            .Select(p => new ReportImportedEntry(p.Source?.Name ?? p.Entry.Source, p.Source?.Kind(p.Entry.ListKind)?.Name ?? p.Entry.ListKind, p.Entry.ListType,
                p.Entry.ListingAuthority, p.Entry.DecisionDocument, p.Entry.StartDate, p.Entry.EndDate))
            .OrderByDescending(e => e.StartDate)
            .ToList();
        return Compose(order, stored, ownRemedies, entries, names, promised, elsewhere);
    }

    /// <summary>The content from what was read: pure, so that the benchmark renders the same without storage.</summary>
    public CreditReport Compose(
        CreditReportOrder order, IReadOnlyList<TableEntity> stored, IReadOnlyList<Remedy> ownRemedies,
        IReadOnlyList<(ListEntry Entry, ListEntryStatus Status, ResponsibleRole? Role)> entries, IReadOnlyDictionary<string, string> departmentNames,
        IReadOnlyList<Commitment>? promised = null, IReadOnlyList<ReportImportedEntry>? imported = null)
    {
        var today = DateOnly.FromDateTime(order.IssuedAt.ToOffset(BeijingTime.Offset).DateTime);
        var from = today.AddYears(-CreditReport.Years);
        var repairedOn = ownRemedies
            .Where(r => r is { Kind: RemedyKind.Repair, State: RemedyState.Approved, DecidedAt: not null })
            .GroupBy(r => r.Item.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Max(r => r.DecidedAt!.Value).ToOffset(BeijingTime.Offset).DateTime), StringComparer.Ordinal);

        var licences = new List<ReportLicence>();
        var penalties = new List<(ReportPenalty Penalty, string Department)>();
        (string Name, string? Code, DateOnly On)? named = null;
        foreach (var row in stored)
        {
            if (!Enum.TryParse<RecordKind>(row.GetString("Kind"), out var kind) || !DateText.TryParse(row.GetString("DecisionDate") ?? string.Empty, out var decided))
            {
                continue;
            }

            var schema = RecordSchema.For(kind);
            var fields = schema.Fields.Where(f => row.GetString(f.Code) is not null).ToDictionary(f => f.Code, f => row.GetString(f.Code)!, StringComparer.Ordinal);
            if (named is null || decided > named.Value.On)
            {
                named = (row.GetString("SubjectName") ?? string.Empty, fields.GetValueOrDefault(schema.SubjectCreditCode) ?? fields.GetValueOrDefault(schema.SubjectIdNumber), decided);
            }

            // A repair takes a record out of public view as a revocation does, but the report shows it, marked 已修复.
            var repaired = repairedOn.TryGetValue(row.GetString("RecordId") ?? string.Empty, out var day) ? day : (DateOnly?)null;
            if ((row.GetString("RevocationReason") is not null && repaired is null) || decided < from || decided > today)
            {
                continue;
            }

            string Field(string code) => fields.GetValueOrDefault(code, string.Empty);
            if (kind == RecordKind.License)
            {
                licences.Add(new ReportLicence(Field("XK_WSH"), Field("XK_XKWS"), Field("XK_XKLB"), Field("XK_NR"), decided, fields.GetValueOrDefault("XK_YXQZI"), Field("XK_XKJG"), Field("XK_ZT")));
                continue;
            }

            var record = new DisclosureRecord(default!, kind, row.GetString("DepartmentCode") ?? string.Empty, order.SubjectKey, string.Empty, Field("CF_WSH"), decided, decided, false, fields, string.Empty, 0);
            var period = PublicityPeriod.Of(record, disclosure.Value);
            if (period.End <= today)
            {
                continue;
            }

            penalties.Add((new ReportPenalty(Field("CF_WSH"), Field("CF_WFXW"), Field("CF_CFLB"), Field("CF_NR"), decided, period.End, Field("CF_CFJG"), repaired), record.DepartmentCode));
        }

        var listed = entries.Select(e => ReportListEntry.From(e.Entry, e.Status, e.Role, departmentNames)).OrderByDescending(e => e.StartDate).ToList();
        var own = entries.Where(e => e.Role is null).Select(e => e.Entry).OrderByDescending(e => e.StartDate).FirstOrDefault();
        var subject = Subject(order.SubjectKey, own, named);

        var statements = order.Kind != CreditReportKind.Special ? [] : order.Fields
            .Select(field => Statement("领域", field, entries.Where(e => e.Entry.ListType.MarksDishonesty() && e.Entry.Field == field).Select(e => $"{e.Entry.ListType.ZhName()} {e.Entry.DecisionDocument}")))
            .Concat(order.Departments.Select(code => Statement("部门", departmentNames.GetValueOrDefault(code, code),
                penalties.Where(p => p.Department == code && p.Penalty.RepairedOn is null).Select(p => $"行政处罚 {p.Penalty.DocumentNumber}"))))
            .ToList();

        return new CreditReport(
            order.Id, order.Kind, order.IssuedAt, from, today, subject,
            [.. licences.OrderByDescending(l => l.DecisionDate)],
            [.. penalties.Select(p => p.Penalty).OrderByDescending(p => p.DecisionDate)],
            listed,
            [.. ownRemedies.Where(r => r is { Kind: RemedyKind.Objection, State: RemedyState.UnderReview }).OrderByDescending(r => r.FiledAt)
                .Select(r => new ReportObjection(r.Id, r.Item.Id, r.FiledAt, r.Deadline))],
            statements,
            order.VerificationUrl,
            [.. (promised ?? []).Where(c => c.TakenOn >= from && c.TakenOn <= today).OrderByDescending(c => c.TakenOn)
                .Select(c => new ReportCommitment(c.Kind.ZhName(), c.Reference, departmentNames.GetValueOrDefault(c.Department, c.Department), c.TakenOn, StatusOf(c, today)))],
            imported ?? []);
    }

    static string StatusOf(Commitment commitment, DateOnly today) => commitment switch
    {
        { Status: CommitmentStatus.Fulfilled, OutcomeOn: { } on } => $"履约 {DateText.ToIso(on)}",
        { Status: CommitmentStatus.Breached, OutcomeOn: { } on } => $"违约 {DateText.ToIso(on)}",
        { DueDate: { } due } when commitment.OverdueOn(today) => $"逾期未补交（补交期限 {DateText.ToIso(due)}）",
        _ => "履行中",
    };

    static ReportStatement Statement(string scope, string name, IEnumerable<string> records)
    {
        var found = records.ToList();
        return new ReportStatement(scope, name, found.Count == 0, found);
    }

    /// <summary>The subject as its own list entry or its newest record names it; a person's ID number masked.</summary>
    static ReportSubject Subject(string subjectKey, ListEntry? own, (string Name, string? Code, DateOnly On)? named)
    {
        var person = SubjectKeys.IsPersonKey(subjectKey);
        var code = own?.SubjectCode ?? named?.Code ?? (person ? string.Empty : subjectKey);
        var kind = own?.SubjectKind ?? (person ? SubjectKind.NaturalPerson : ListVocabulary.KindOf(subjectKey));
        return new ReportSubject(own?.SubjectName ?? named?.Name ?? string.Empty, person && code.Length > 0 ? ResidentIdNumber.Mask(code) : code, kind);
    }
}
