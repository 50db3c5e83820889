using System.Net;
using System.Security.Cryptography;
using System.Text;
using Credit.Departments;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// A company orders its credit report on the running product, the orchestration issues it, the company downloads the
/// PDF and HTML, anyone verifies it by its id; every other caller is refused.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CreditReportEndToEndTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    [Fact]
    public async Task A_company_orders_downloads_and_anyone_verifies_its_report_while_others_are_refused()
    {
        using var company = fixture.Api(fixture.SubjectKey);
        using var anyone = fixture.Api(null);
        var otherSubject = await new ApiKeys(fixture.Storage, TimeProvider.System).IssueAsync(Caller.ForSubject(Rows.DepartmentCode(631)));

        // Bad orders are refused with what is wrong.
        foreach (var (body, code) in new (object Body, string Code)[]
        {
            (new { kind = "monthly" }, "INVALID_REPORT_KIND"),
            (new { kind = "special" }, "NOTHING_ASKED"),
            (new { kind = "special", fields = new[] { "食品" } }, "INVALID_FIELD"),
            (new { kind = "special", departments = new[] { "91110000600037341M" } }, "INVALID_DEPARTMENT"),
        })
        {
            var (status, refusal) = await company.PostJsonAsync("api/me/credit-reports", body);
            Assert.True(status == HttpStatusCode.BadRequest && refusal.GetProperty("error").GetProperty("code").GetString() == code, $"{code}: {status} {refusal}");
        }

        using var order = new HttpRequestMessage(HttpMethod.Post, new Uri("api/me/credit-reports", UriKind.Relative)) { Content = JsonContent("{\"kind\":\"full\"}") };
        order.Headers.Add("Idempotency-Key", "e2e-report-1");
        var ordered = await company.Http.SendAsync(order);
        Assert.Equal(HttpStatusCode.Accepted, ordered.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await ordered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // The same order sent again (a lost answer) is the same report.
        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri("api/me/credit-reports", UriKind.Relative)) { Content = JsonContent("{\"kind\":\"full\"}") };
        again.Headers.Add("Idempotency-Key", "e2e-report-1");
        var repeated = await company.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Contains(id, await repeated.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var report = await WaitAsync(company, $"api/me/credit-reports/{id}", r => r.GetProperty("status").GetString() == "Ready");
        var pdf = await company.Http.GetAsync(new Uri($"api/me/credit-reports/{id}/pdf", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(report.GetProperty("pdfSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var html = await company.Http.GetStringAsync(new Uri($"api/me/credit-reports/{id}/html", UriKind.Relative));
        Assert.Contains("信用报告", html, StringComparison.Ordinal);

        var (verified, verification) = await anyone.GetJsonAsync($"api/public/reports/{id}/verification?sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        Assert.True(verified == HttpStatusCode.OK && verification.GetProperty("authentic").GetBoolean() && verification.GetProperty("matches").GetBoolean(), verification.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await anyone.GetJsonAsync("api/public/reports/not-a-report/verification")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetJsonAsync($"api/public/reports/CR{new string('0', 24)}/verification")).Status);

        // Anyone else: another subject is told it is not theirs, a department or the office may not read reports at all.
        using var other = fixture.Api(otherSubject);
        foreach (var path in new[] { $"api/me/credit-reports/{id}", $"api/me/credit-reports/{id}/pdf", $"api/me/credit-reports/{id}/html" })
        {
            var (status, refusal) = await other.GetJsonAsync(path);
            Assert.True(status == HttpStatusCode.Forbidden && refusal.GetProperty("error").GetProperty("code").GetString() == "NOT_YOUR_REPORT", $"{path}: {status} {refusal}");
            foreach (var key in new[] { fixture.DepartmentKey, fixture.SupervisorKey })
            {
                using var party = fixture.Api(key);
                Assert.Equal(HttpStatusCode.Forbidden, (await party.GetJsonAsync(path)).Status);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetJsonAsync(path)).Status);
        }
    }

    [Fact]
    public async Task A_bank_reads_by_consent_only_what_the_consent_covers_every_use_shown_and_revocation_at_once()
    {
        using var company = fixture.Api(fixture.SubjectKey);
        using var anyone = fixture.Api(null);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        object Grant(string scope, DateOnly expires) => new { granteeName = "北京示例银行股份有限公司", granteeCode = "91110000600037341L", purpose = "授信审查", scope, expiresOn = expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

        foreach (var (body, code) in new (object Body, string Code)[]
        {
            (Grant("report", today.AddDays(91)), "EXPIRES_ON"),
            (Grant("report", today.AddDays(-1)), "EXPIRES_ON"),
            (Grant("everything", today.AddDays(30)), "SCOPE"),
            (new { granteeName = "北京示例银行", granteeCode = "91110000600037341M", purpose = "授信审查", scope = "report", expiresOn = today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "GRANTEE_CODE"),
        })
        {
            var (status, refusal) = await company.PostJsonAsync("api/me/consents", body);
            Assert.True(status == HttpStatusCode.BadRequest && refusal.GetProperty("error").GetProperty("code").GetString() == code, $"{code}: {status} {refusal}");
        }

        var (granted, report) = await company.PostJsonAsync("api/me/consents", Grant("report", today.AddDays(90)));
        Assert.True(granted == HttpStatusCode.Created, report.ToString());
        var (_, check) = await company.PostJsonAsync("api/me/consents", Grant("creditCheck", today.AddDays(30)));
        using var bank = new ProductApi(fixture.Runtime.BaseAddress, null);
        bank.Http.DefaultRequestHeaders.Add("X-Consent-Token", report.GetProperty("token").GetString());
        using var checker = new ProductApi(fixture.Runtime.BaseAddress, null);
        checker.Http.DefaultRequestHeaders.Add("X-Consent-Token", check.GetProperty("token").GetString());

        // The bank orders and reads the company's report under the consent.
        var (ordered, order) = await bank.PostJsonAsync("api/consented/credit-reports", new { kind = "full" });
        Assert.True(ordered == HttpStatusCode.Accepted, order.ToString());
        var id = order.GetProperty("id").GetString()!;
        await WaitAsync(bank, $"api/consented/credit-reports/{id}", r => r.GetProperty("status").GetString() == "Ready");
        var pdf = await bank.Http.GetAsync(new Uri($"api/consented/credit-reports/{id}/pdf", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        // The company reads it too: it is about the company.
        Assert.Equal(HttpStatusCode.OK, (await company.GetJsonAsync($"api/me/credit-reports/{id}")).Status);

        // Out of scope, with no token, another's report: refused with the reason.
        Assert.Equal("CONSENT_OUT_OF_SCOPE", (await bank.GetJsonAsync("api/consented/credit-check")).Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("CONSENT_OUT_OF_SCOPE", (await checker.PostJsonAsync("api/consented/credit-reports", new { kind = "full" })).Body.GetProperty("error").GetProperty("code").GetString());
        var (unauthorised, invalid) = await anyone.GetJsonAsync("api/consented/credit-check");
        Assert.Equal((HttpStatusCode.Unauthorized, "CONSENT_TOKEN_INVALID"), (unauthorised, invalid.GetProperty("error").GetProperty("code").GetString()));
        var (_, own) = await company.PostJsonAsync("api/me/credit-reports", new { kind = "full" });
        var (notTheirs, notTheirsBody) = await bank.GetJsonAsync($"api/consented/credit-reports/{own.GetProperty("id").GetString()}");
        Assert.Equal((HttpStatusCode.Forbidden, "NOT_YOUR_REPORT"), (notTheirs, notTheirsBody.GetProperty("error").GetProperty("code").GetString()));

        var (checkedStatus, listStatus) = await checker.GetJsonAsync("api/consented/credit-check");
        Assert.True(checkedStatus == HttpStatusCode.OK && !listStatus.GetProperty("black").GetBoolean(), listStatus.ToString());

        // Every use is shown to the company; a revocation takes effect at once.
        var consents = (await company.GetJsonAsync("api/me/consents")).Body.GetProperty("consents").EnumerateArray().ToList();
        var reportConsent = consents.Single(c => c.GetProperty("consent").GetProperty("id").GetString() == report.GetProperty("consent").GetProperty("id").GetString());
        Assert.Equal(["report read (pdf)", "report ordered"], reportConsent.GetProperty("uses").EnumerateArray().Select(u => u.GetProperty("action").GetString()));
        Assert.Equal(id, reportConsent.GetProperty("uses")[0].GetProperty("item").GetString());
        Assert.Contains(consents, c => c.GetProperty("uses").EnumerateArray().Any(u => u.GetProperty("action").GetString() == "credit check read"));
        Assert.DoesNotContain(report.GetProperty("token").GetString()!, consents[0].ToString(), StringComparison.Ordinal);

        var consentId = report.GetProperty("consent").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await company.PostJsonAsync($"api/me/consents/{consentId}/revocation", new { })).Status);
        var (revoked, gone) = await bank.GetJsonAsync($"api/consented/credit-reports/{id}/pdf");
        Assert.Equal((HttpStatusCode.Forbidden, "CONSENT_REVOKED"), (revoked, gone.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal("revoked", (await company.GetJsonAsync("api/me/consents")).Body.GetProperty("consents").EnumerateArray()
            .Single(c => c.GetProperty("consent").GetProperty("id").GetString() == consentId).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await company.PostJsonAsync("api/me/consents/CS000/revocation", new { })).Status);
    }

    [Fact]
    public async Task An_order_stored_by_a_process_that_died_before_starting_its_issue_is_issued_at_the_next_read()
    {
        // The order's row is written, the orchestration never started: what a crash between the two leaves.
        var id = "CR" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Assert.True(await new Credit.CreditReports.CreditReportStore(fixture.Storage).AddAsync(
            new Credit.CreditReports.CreditReportOrder(id, Rows.Company, Credit.CreditReports.CreditReportKind.Full, [], [], DateTimeOffset.UtcNow, $"http://localhost/api/public/reports/{id}/verification"),
            CancellationToken.None));
        using var company = fixture.Api(fixture.SubjectKey);
        var report = await WaitAsync(company, $"api/me/credit-reports/{id}", r => r.GetProperty("status").GetString() == "Ready");
        Assert.Equal(64, report.GetProperty("pdfSha256").GetString()!.Length);
    }

    static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<System.Text.Json.JsonElement> WaitAsync(ProductApi api, string path, Func<System.Text.Json.JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (status, body) = await api.GetJsonAsync(path);
            if (status == HttpStatusCode.OK && until(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path}: {status} {body}");
            await Task.Delay(250);
        }
    }
}
