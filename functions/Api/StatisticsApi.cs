using Credit.Calendar;
using Credit.Departments;
using Credit.Functions.OpenApi;
using Credit.Statistics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>跟踪问效: the figures of every department per month, their overdue items, and a run on demand.</summary>
public sealed class StatisticsApi(StatisticsStore store, StatisticsLedger ledger, StatisticsRun run, StatisticsRebuild rebuild, DepartmentRegistry registry, Credit.JointCases.CaseStore cases, TimeProvider clock)
{
    const int MaxMonths = 24;

    [Function(nameof(GetStatistics))]
    [ApiOperation("Supervision figures per department and month: uploads, records, disclosure, pushes, feedback, lifts, objections, repairs, credit-check coverage", Credential.Department | Credential.Supervisor, Query = ["month: yyyy-MM (default: this month)", "months: how many months up to month, 1-24 (default 1)", "department: a department's credit code (a department: only its own)"],
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(StatisticsView))]
    public async Task<IActionResult> GetStatistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/statistics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (scope, invalid) = Scope(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var count = request.Query["months"].ToString() is { Length: > 0 } text ? int.TryParse(text, out var n) ? n : -1 : 1;
        if (count is < 1 or > MaxMonths)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_MONTHS", $"months must be a whole number from 1 to {MaxMonths}, got '{request.Query["months"]}'",
                $"months应为1至{MaxMonths}的整数，实际为“{request.Query["months"]}”");
        }

        var departments = await registry.ListAsync(cancellationToken);
        var names = departments.ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var codes = scope.Department is { } only ? [only] : departments.Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        var months = Enumerable.Range(0, count).Select(i => Months.Format(scope.Month.AddMonths(i - count + 1))).ToList();
        var figures = new List<DepartmentFigures>();
        foreach (var month in months)
        {
            var stored = (await store.OfMonthAsync(month, cancellationToken)).ToDictionary(f => f.Department, StringComparer.Ordinal);
            figures.AddRange(codes.Select(code => DepartmentFigures.Of(stored.GetValueOrDefault(code) ?? DepartmentStatistics.Empty(month, code), names.GetValueOrDefault(code, code))));
        }

        return new OkObjectResult(new StatisticsView(Months.Format(scope.Month), months, scope.Department, figures));
    }

    [Function(nameof(GetOverdueItems))]
    [ApiOperation("The month's overdue items (disclosures, feedback, lift acknowledgements, objection and repair decisions, 容缺 items, reports), linked to their record, case, remedy or item (count: all of them, the same as the figures' overdue items), and the open cases whose mandatory measures no registered department implements", Credential.Department | Credential.Supervisor, Query = ["month: yyyy-MM (default: this month)", "department: a department's credit code"],
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(OverdueView))]
    public async Task<IActionResult> GetOverdueItems(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/statistics/overdue")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (scope, invalid) = Scope(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var month = Months.Format(scope.Month);
        var codes = scope.Department is { } only ? [only] : (await registry.ListAsync(cancellationToken)).Select(d => d.Code).ToList();
        var items = new List<DepartmentOverdueItem>();
        // The disclosures the last statistics run found overdue: the snapshot the figures' overdue items count, so the
        // list and the count agree (a department with more than its row lists counts them all).
        var (figures, disclosures) = await store.MonthAsync(month, cancellationToken);
        var disclosureCounts = figures.ToDictionary(f => f.Department, f => f.Disclosure.Overdue, StringComparer.Ordinal);
        var unlisted = 0L;
        foreach (var code in codes)
        {
            items.AddRange((await ledger.OverdueAsync(month, code, cancellationToken)).Select(o => new DepartmentOverdueItem(code, o.Kind, o.Item, o.At)));
            var listed = disclosures.GetValueOrDefault(code) ?? [];
            items.AddRange(listed.Select(d => new DepartmentOverdueItem(code, StatisticKinds.DisclosureOverdue, $"record:{d.RecordId}", Calendar.BeijingTime.StartOf(d.Deadline.AddDays(1)))));
            unlisted += Math.Max(0, disclosureCounts.GetValueOrDefault(code) - listed.Count);
        }

        return new OkObjectResult(new OverdueView(month, scope.Department, (int)(items.Count + unlisted), items, await cases.UnimplementedAsync(scope.Department, cancellationToken)));
    }

    [Function(nameof(RunStatistics))]
    [ApiOperation("Runs the statistics now: the figures of what changed and the monthly notices", Credential.Supervisor, Response = typeof(Credit.Statistics.StatisticsRunResult))]
    public async Task<IActionResult> RunStatistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/statistics/runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return new OkObjectResult(await run.RunAsync(cancellationToken));
    }

    [Function(nameof(RebuildStatistics))]
    [ApiOperation("Rebuilds the counted facts of a month from the business tables (a fact lost with a crashed process comes back, one nothing supports goes), then runs the statistics", Credential.Supervisor, Response = typeof(StatisticsRebuilt))]
    public async Task<IActionResult> RebuildStatistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/statistics/{month}/rebuild")] HttpRequest request,
        string month,
        CancellationToken cancellationToken)
    {
        if (!Months.TryParse(month, out var first))
        {
            return InvalidMonth(month);
        }

        var rebuilt = await rebuild.RebuildAsync(first, cancellationToken);
        return new OkObjectResult(new StatisticsRebuilt(rebuilt, await run.RunAsync(cancellationToken)));
    }

    static ObjectResult InvalidMonth(string month) =>
        ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_MONTH", $"month must be written yyyy-MM, e.g. 2026-11, got '{month}'", $"月份格式应为yyyy-MM（如2026-11），实际为“{month}”");

    /// <summary>The month (default: this one) and department asked for (a department's own by default; the office: all).</summary>
    ((DateOnly Month, string? Department) Scope, IActionResult? Invalid) Scope(HttpRequest request)
    {
        var monthText = request.Query["month"].ToString();
        var month = monthText.Length == 0 ? new DateOnly(BeijingTime.Today(clock).Year, BeijingTime.Today(clock).Month, 1) : default;
        if (monthText.Length > 0 && !Months.TryParse(monthText, out month))
        {
            return (default, InvalidMonth(monthText));
        }

        var department = request.Query["department"].ToString() is { Length: > 0 } d ? d : RequestAuth.CallerOf(request).DepartmentCode;
        return ((month, department), null);
    }
}
