using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;
using static Credit.Tests.Supervision.SupervisionFixture;

namespace Credit.Tests.Supervision;

/// <summary>The supervision figures and the monthly notice over HTTP, after the fixture's month of work.</summary>
[Collection(SupervisionGroup.Name)]
public sealed class StatisticsApiTests(SupervisionFixture fixture)
{
    static JsonElement Of(JsonElement statistics, string department) =>
        statistics.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("department").GetString() == department);

    static (long OnTime, long Late, long Overdue) Timeliness(JsonElement figures, string part)
    {
        var t = figures.GetProperty(part);
        return (t.GetProperty("onTime").GetInt64(), t.GetProperty("late").GetInt64(), t.GetProperty("overdue").GetInt64());
    }

    [Fact]
    public async Task Each_department_is_counted_for_what_it_did_in_the_month()
    {
        using var supervisor = fixture.AsSupervisor();
        var (status, statistics) = await supervisor.GetJsonAsync($"api/statistics?month={Month}");
        Assert.True(status == HttpStatusCode.OK, statistics.ToString());
        Assert.Equal(4, statistics.GetProperty("figures").GetArrayLength());

        var initiator = Of(statistics, Initiator);
        Assert.Equal(2, initiator.GetProperty("uploads").GetInt64());
        Assert.Equal(4, initiator.GetProperty("recordsAccepted").GetInt64());
        Assert.Equal(1, initiator.GetProperty("recordsRejected").GetInt64());
        Assert.Equal(1, initiator.GetProperty("rejectedByReason").GetProperty("USCC_CHECK_CHARACTER").GetInt64());
        // Its 4 records and its black-list entry, published by the same runs and counted alike.
        Assert.Equal((5L, 0L, 0L), Timeliness(initiator, "disclosure"));
        Assert.Equal(1.0, initiator.GetProperty("disclosure").GetProperty("onTimeShare").GetDouble());
        Assert.Equal(1, initiator.GetProperty("creditChecks").GetInt64());
        Assert.Equal(2, initiator.GetProperty("licencesIssued").GetInt64());
        Assert.Equal((2, 1), (initiator.GetProperty("licencesDecided").GetInt64(), initiator.GetProperty("licencesChecked").GetInt64()));
        Assert.Equal(0.5, initiator.GetProperty("checkCoverage").GetDouble());
        Assert.Equal((1L, 0L, 0L), Timeliness(initiator, "feedback"));
        Assert.Equal((1L, 0L, 0L), Timeliness(initiator, "objections"));
        Assert.Equal((0L, 0L, 0L), Timeliness(initiator, "repairs"));

        Assert.Equal((3L, 0L, 0L), Timeliness(Of(statistics, Finance), "feedback"));
        Assert.Equal((2L, 0L, 0L), Timeliness(Of(statistics, Police), "feedback"));
        var court = Of(statistics, Court);
        Assert.Equal(CourtName, court.GetProperty("name").GetString());
        Assert.Equal((0L, 0L, 5L), Timeliness(court, "feedback"));
        Assert.Equal(0.0, court.GetProperty("feedback").GetProperty("onTimeShare").GetDouble());
        Assert.Equal(5, court.GetProperty("overdueItems").GetInt64());
        Assert.All(statistics.GetProperty("figures").EnumerateArray(), f => Assert.Equal(1, f.GetProperty("pushesReceived").GetInt64()));

        var (_, overdue) = await supervisor.GetJsonAsync($"api/statistics/overdue?month={Month}");
        Assert.Equal(5, overdue.GetProperty("count").GetInt32());
        Assert.All(overdue.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal(Court, i.GetProperty("department").GetString());
            Assert.Equal($"case:{fixture.CaseId}", i.GetProperty("item").GetString());
        });
    }

    [Fact]
    public async Task A_rerun_reads_nothing_new_and_gives_the_same_figures()
    {
        using var supervisor = fixture.AsSupervisor();
        var (_, before) = await supervisor.GetJsonAsync($"api/statistics?month={Month}");
        Assert.True(fixture.FirstRun.GetProperty("departmentMonths").GetInt32() >= 4, fixture.FirstRun.ToString());

        var (status, rerun) = await supervisor.PostJsonAsync("api/statistics/runs", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, rerun.GetProperty("departmentMonths").GetInt32());
        Assert.Equal(0, rerun.GetProperty("factsRead").GetInt64());
        var (_, after) = await supervisor.GetJsonAsync($"api/statistics?month={Month}");
        Assert.Equal(Figures(before), Figures(after));
    }

    [Fact]
    public async Task Facts_lost_between_a_business_write_and_its_count_are_rebuilt_from_the_business_tables_to_the_same_figures()
    {
        using var supervisor = fixture.AsSupervisor();
        var (_, before) = await supervisor.GetJsonAsync($"api/statistics?month={Month}");
        var events = fixture.Storage.Table(StorageNames.StatisticsEventsTable);
        var counted = await FactsOfMonthAsync(events);
        Assert.Contains(counted, f => f.Contains("|upload|", StringComparison.Ordinal));
        Assert.Contains(counted, f => f.Contains("|feedback-overdue|", StringComparison.Ordinal));

        // Every fact of the month lost, as if each process had died after its business write; and one that nothing supports.
        foreach (var row in await RowsOfMonthAsync(events))
        {
            await events.DeleteEntityAsync(row);
        }

        await events.AddEntityAsync(new TableEntity($"{Month}_{Court}", "push||stray")
        {
            ["Kind"] = "push", ["Fact"] = "stray", ["At"] = new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero), ["Count"] = 1L,
        });

        var (status, body) = await supervisor.PostJsonAsync($"api/statistics/{Month}/rebuild", new { });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        // The facts themselves first: a failure names the fact that differs.
        Assert.Equal(counted, await FactsOfMonthAsync(events));
        Assert.Equal(counted.Count, body.GetProperty("rebuilt").GetProperty("facts").GetInt32());
        Assert.Equal(1, body.GetProperty("rebuilt").GetProperty("removed").GetInt32());
        var (_, after) = await supervisor.GetJsonAsync($"api/statistics?month={Month}");
        Assert.Equal(Figures(before), Figures(after));
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("March")]
    [InlineData("2025-3")]
    public async Task A_rebuild_of_a_bad_month_is_refused_saying_what_is_expected(string month)
    {
        using var supervisor = fixture.AsSupervisor();
        var (status, body) = await supervisor.PostJsonAsync($"api/statistics/{month}/rebuild", new { });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_MONTH", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains($"'{month}'", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_supervisor_rebuilds_the_statistics()
    {
        using var court = fixture.As(Court);
        Assert.Equal(HttpStatusCode.Forbidden, (await court.PostJsonAsync($"api/statistics/{Month}/rebuild", new { })).Status);
        using var nobody = new Credit.Testing.ProductApi(fixture.Runtime.BaseAddress, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.PostJsonAsync($"api/statistics/{Month}/rebuild", new { })).Status);
    }

    /// <summary>Every stored fact of the month: where, what, how many and when.</summary>
    static async Task<List<string>> FactsOfMonthAsync(TableClient events) =>
        [.. (await RowsOfMonthAsync(events))
            .Select(e => $"{e.PartitionKey}|{e.GetString("Kind")}|{e.RowKey}|{e.GetInt64("Count")}|{e.GetDateTimeOffset("At"):O}|{e.GetString("Item")}")
            .Order(StringComparer.Ordinal)];

    static async Task<List<TableEntity>> RowsOfMonthAsync(TableClient events)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in events.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(Month) > 0 && e.PartitionKey.CompareTo(Month + "~") < 0))
        {
            rows.Add(row);
        }

        return rows;
    }

    static string Figures(JsonElement statistics) => string.Join("\n", statistics.GetProperty("figures").EnumerateArray().Select(f =>
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(f)!;
        copy.Remove("computedAt");
        return JsonSerializer.Serialize(copy);
    }));

    [Fact]
    public async Task A_department_reads_only_its_own_figures()
    {
        using var court = fixture.As(Court);
        var (status, own) = await court.GetJsonAsync($"api/statistics?month={Month}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Court, Assert.Single(own.GetProperty("figures").EnumerateArray()).GetProperty("department").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await court.GetJsonAsync($"api/statistics?month={Month}&department={Finance}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await court.GetJsonAsync($"api/statistics/overdue?month={Month}&department={Finance}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await court.PostJsonAsync("api/statistics/runs", new { })).Status);

        using var nobody = new Credit.Testing.ProductApi(fixture.Runtime.BaseAddress, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetJsonAsync($"api/statistics?month={Month}")).Status);
    }

    [Theory]
    [InlineData("month=2025-13", "INVALID_MONTH")]
    [InlineData("month=March", "INVALID_MONTH")]
    [InlineData("month=2025-03&months=0", "INVALID_MONTHS")]
    [InlineData("month=2025-03&months=25", "INVALID_MONTHS")]
    public async Task A_bad_month_is_refused_saying_what_is_expected(string query, string code)
    {
        using var supervisor = fixture.AsSupervisor();
        var (status, body) = await supervisor.GetJsonAsync($"api/statistics?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains($"'{query.Split('=')[^1]}'", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trend_returns_every_month_up_to_the_one_asked()
    {
        using var supervisor = fixture.AsSupervisor();
        var (_, trend) = await supervisor.GetJsonAsync($"api/statistics?month={Month}&months=3");
        Assert.Equal(["2025-01", "2025-02", "2025-03"], trend.GetProperty("months").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(12, trend.GetProperty("figures").GetArrayLength());
        Assert.All(trend.GetProperty("figures").EnumerateArray().Where(f => f.GetProperty("month").GetString() != Month), f => Assert.Equal(0, f.GetProperty("uploads").GetInt64()));
    }

    [Fact]
    public async Task The_monthly_notice_names_the_departments_below_the_thresholds()
    {
        using var supervisor = fixture.AsSupervisor();
        var (status, notice) = await supervisor.GetJsonAsync($"api/reports/{Month}");
        Assert.True(status == HttpStatusCode.OK, notice.ToString());
        var named = notice.GetProperty("named").EnumerateArray().ToDictionary(n => n.GetProperty("department").GetString()!);
        Assert.Equal(new[] { Initiator, Court }.Order(), named.Keys.Order());
        Assert.Equal(["CHECK_COVERAGE"], named[Initiator].GetProperty("shortfalls").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(["FEEDBACK_ON_TIME", "OVERDUE_ITEMS"], named[Court].GetProperty("shortfalls").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(5, named[Court].GetProperty("overdueItems").GetArrayLength());
        Assert.True(notice.GetProperty("final").GetBoolean() is false);

        using var court = fixture.As(Court);
        using var html = await court.Http.GetAsync(new Uri($"api/reports/{Month}?format=html", UriKind.Relative));
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("2025年3月信用联合奖惩工作情况通报", page, StringComparison.Ordinal);
        Assert.Contains(CourtName, page, StringComparison.Ordinal);
        Assert.Contains("执行反馈超期", page, StringComparison.Ordinal);
        Assert.DoesNotContain("北京市财政局", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetJsonAsync("api/reports/2024-01")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetJsonAsync("api/reports/2025-3")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetJsonAsync($"api/reports/{Month}?format=pdf")).Status);
    }
}
