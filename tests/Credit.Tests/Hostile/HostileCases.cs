using System.Text.Json;
using System.Text;
using Credit.Testing;

namespace Credit.Tests.Hostile;

/// <summary>Who sends a hostile request: no key, a department's own key, or the supervising office's.</summary>
public enum Sender
{
    Anonymous,
    Department,
    Supervisor,
    Subject,
}

/// <summary>One malformed request and the answer it must get: the status and the error code that names the problem.</summary>
public sealed record HostileCase(string Name, HttpMethod Method, string Path, Sender Sender, byte[]? Body, int Status, string Code);

/// <summary>
/// The table of malformed inputs, by class: upload names, department codes, dates and numbers at the edges,
/// enumerations out of range, control/bidi characters, oversized bodies, broken JSON, injection strings in query
/// parameters and identifiers, unknown routes and methods. Each is what a careless or hostile caller would send.
/// </summary>
public static class HostileCases
{
    const string Dept = Rows.Department;
    static readonly string[] Injections = ["' or 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd", "%00", "\u202Eabc", "=cmd|'/c calc'!A1", "北京\u0007公司", "a\tb", "{{7*7}}"];

    public static IReadOnlyList<HostileCase> All { get; } = [.. Build()];

    static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    static string Entry(string listType = "\"黑名单\"", string subjectName = "\"北京示例食品有限公司\"", string startDate = "\"2024-03-01\"", string period = "12", string legalBasis = "\"《食品安全法》第一百三十四条\"") =>
        $$"""{"listType":{{listType}},"subjectName":{{subjectName}},"subjectCode":"{{Rows.Company}}","category":"严重失信","field":"食品药品","legalBasis":{{legalBasis}},"decisionDocument":"京市监黑〔2024〕1号","startDate":{{startDate}},"periodMonths":{{period}}}""";

    static string Measure(string binding = "\"Mandatory\"", string listTypes = "[\"Black\"]", string subjectKinds = "[\"LegalPerson\"]", string name = "\"限制参加政府采购\"", string implementers = "[\"*\"]") =>
        $$"""{"code":"X-HOSTILE","name":{{name}},"binding":{{binding}},"category":"Administrative","implementers":{{implementers}},"legalBasis":"依据","listTypes":{{listTypes}},"subjectKinds":{{subjectKinds}}}""";

    static string CatalogueItem(string code = "\"BL-HOSTILE\"", string listType = "\"Black\"", string facts = "[]", string measures = "[{\"measureCode\":\"S17\",\"subjectKinds\":[\"LegalPerson\"],\"roles\":[],\"when\":[]}]", string periods = "\"defaultPeriodMonths\":12,\"maximumPeriodMonths\":24") =>
        $$"""{"code":{{code}},"name":"试点","listType":{{listType}},"criteria":"标准","legalBasis":"依据",{{periods}},"minimumRepairMonths":6,"facts":{{facts}},"measures":{{measures}}}""";

    static string DebtorEntry(string facts) =>
        $$"""{"subjectCode":"{{Rows.Company}}","subjectName":"北京示例被执行有限公司","catalogueCode":"BL-COURT","legalBasis":"法释〔2017〕7号","decisionDocument":"(2025)京0105执7号","startDate":"2025-03-03","facts":{{facts}}}""";

    static IEnumerable<HostileCase> Build()
    {
        // Upload names: path segments, control and bidi characters, lengths, formats.
        var names = new (string Name, string Code)[]
        {
            ("a%5Cb.csv", "INVALID_FILE_NAME"), ("a%0D%0Ab.csv", "INVALID_FILE_NAME"), ("a%0Ab.csv", "INVALID_FILE_NAME"), 
            ("a%07b.csv", "INVALID_FILE_NAME"), ("%E2%80%AEvsc.csv", "INVALID_FILE_NAME"), ("..csv", "INVALID_FILE_NAME"), ("a..b.csv", "INVALID_FILE_NAME"),
            (".hidden.csv", "INVALID_FILE_NAME"), ("%20lead.csv", "INVALID_FILE_NAME"), ("a%23b.csv", "INVALID_FILE_NAME"), ("a%3Fb.csv", "INVALID_FILE_NAME"),
            ("a%25b.csv", "INVALID_FILE_NAME"), ("a%3Cb%3E.csv", "INVALID_FILE_NAME"), ("a%7Cb.csv", "INVALID_FILE_NAME"), ("a*b.csv", "INVALID_FILE_NAME"),
            (new string('n', 197) + ".csv", "INVALID_FILE_NAME"), (new string('x', 1096) + ".csv", "INVALID_FILE_NAME"), ("a;rm -rf.csv", "INVALID_FILE_NAME"),
            ("book.xlsx", "SPREADSHEET_NOT_SUPPORTED"), ("book.xls", "SPREADSHEET_NOT_SUPPORTED"), ("book.XLSX", "SPREADSHEET_NOT_SUPPORTED"), ("macro.xlsm", "SPREADSHEET_NOT_SUPPORTED"),
            ("wps.et", "SPREADSHEET_NOT_SUPPORTED"), ("data.txt", "UNSUPPORTED_FORMAT"), ("data", "UNSUPPORTED_FORMAT"), ("data.csv.exe", "UNSUPPORTED_FORMAT"),
            ("archive.zip", "UNSUPPORTED_FORMAT"), ("page.html", "UNSUPPORTED_FORMAT"), ("data.csv%20", "UNSUPPORTED_FORMAT"),
        };
        foreach (var (name, code) in names)
        {
            yield return new($"upload name {name[..Math.Min(name.Length, 24)]}", HttpMethod.Put, $"/api/uploads/{Dept}/{name}", Sender.Department, Json("a,b\n1,2\n"), 400, code);
            yield return new($"retry of upload name {name[..Math.Min(name.Length, 24)]}", HttpMethod.Post, $"/api/uploads/{Dept}/{name}/retry", Sender.Department, null, 400, code);
        }

        yield return new("reconciliation by a department", HttpMethod.Post, "/api/reconciliation", Sender.Department, null, 403, "*");
        yield return new("reconciliation by a caller with no key", HttpMethod.Post, "/api/reconciliation", Sender.Anonymous, null, 401, "*");
        yield return new("retry of a file never sent", HttpMethod.Post, $"/api/uploads/{Dept}/never-sent.csv/retry", Sender.Department, null, 404, "UPLOAD_NOT_FOUND");
        yield return new("retry by a caller with no key", HttpMethod.Post, $"/api/uploads/{Dept}/x.csv/retry", Sender.Anonymous, null, 401, "*");

        // Department codes in routes: wrong length, wrong check character, forbidden letters, injection.
        var codes = new[] { "11110000000021135X", "1111000000002113", "11110000000021135MM", "I1110000000021135M", "11110000000021135m", "%27%20or%201%3D1", "%3Cscript%3E", "00000000000000000" };
        foreach (var code in codes)
        {
            yield return new($"upload under department {code}", HttpMethod.Put, $"/api/uploads/{code}/x.csv", Sender.Department, Json("a\n"), 400, "*");
            yield return new($"upload status under department {code}", HttpMethod.Get, $"/api/uploads/{code}/x.csv", Sender.Department, null, 400, "*");
            yield return new($"upload retry under department {code}", HttpMethod.Post, $"/api/uploads/{code}/x.csv/retry", Sender.Department, null, 400, "*");
            yield return new($"disclosure of department {code}", HttpMethod.Get, $"/api/departments/{code}/disclosure?status=pending", Sender.Supervisor, null, 400, "*");
        }

        // The calendar: dates at and past the edges, numbers out of range, injection strings.
        var froms = new[] { "9999-12-30", "0001-01-01", "1948-12-31", "2101-01-01", "2024-02-30", "2024-13-01", "", "abc", "2024-9-27x", "20240927", "-2024-01-01", "2024/02/30" };
        foreach (var from in froms)
        {
            yield return new($"calendar from {from}", HttpMethod.Get, $"/api/calendar/deadline?from={Uri.EscapeDataString(from)}&workingDays=5", Sender.Anonymous, null, 400, "INVALID_FROM");
        }

        foreach (var days in new[] { "-1", "3651", "99999999999", "abc", "1e3", "5.5", "", "0x10" })
        {
            yield return new($"calendar workingDays {days}", HttpMethod.Get, $"/api/calendar/deadline?from=2024-09-27&workingDays={Uri.EscapeDataString(days)}", Sender.Anonymous, null, 400, "INVALID_WORKING_DAYS");
        }

        foreach (var injection in Injections)
        {
            yield return new($"calendar from injection {injection}", HttpMethod.Get, $"/api/calendar/deadline?from={Uri.EscapeDataString(injection)}&workingDays=5", Sender.Anonymous, null, 400, "INVALID_FROM");
            yield return new($"public subject injection {injection}", HttpMethod.Get, $"/api/public/subjects/{Uri.EscapeDataString(injection)}", Sender.Anonymous, null, 400, "*");
            yield return new($"record id injection {injection}", HttpMethod.Get, $"/api/records/{Uri.EscapeDataString(injection)}", Sender.Supervisor, null, 400, "INVALID_RECORD_ID");
        }

        // List entries: broken JSON, enumerations, dates and lengths at the edges, forbidden characters, oversized bodies.
        var entries = new (string Name, string Body, int Status, string Code)[]
        {
            ("empty body", "", 400, "INVALID_BODY"), ("not JSON", "listType=black", 400, "INVALID_BODY"), ("truncated JSON", "{\"listType\":", 400, "INVALID_BODY"),
            ("JSON array", "[]", 400, "INVALID_BODY"), ("JSON null", "null", 400, "INVALID_BODY"), ("binary garbage", "\u0001\u0002\u00ff", 400, "INVALID_BODY"),
            ("start 9999-12-31", Entry(startDate: "\"9999-12-31\"", period: "120"), 400, "*"), ("start 1900-01-01", Entry(startDate: "\"1900-01-01\""), 400, "*"),
            ("start not a date", Entry(startDate: "\"yesterday\""), 400, "*"), ("period 0", Entry(period: "0"), 400, "*"), ("period 121", Entry(period: "121"), 400, "*"),
            ("period -5", Entry(period: "-5"), 400, "*"), ("period huge", Entry(period: "99999999999999999999"), 400, "*"), ("period text", Entry(period: "\"twelve\""), 400, "*"),
            ("name with NUL", Entry(subjectName: "\"北京\\u0000公司\""), 400, "*"),
            ("name with BEL", Entry(subjectName: "\"北京\\u0007公司\""), 400, "*"), ("name with RLO", Entry(subjectName: "\"北京\\u202E公司\""), 400, "*"),
            ("name with newline", Entry(subjectName: "\"北京\\n公司\""), 400, "*"), ("name with lone surrogate", Entry(subjectName: "\"北京\\ud800公司\""), 400, "*"),
            ("name 201 characters", Entry(subjectName: $"\"{new string('京', 201)}\""), 400, "*"), ("legal basis 3,000 characters", Entry(legalBasis: $"\"{new string('法', 3000)}\""), 400, "*"),
            ("legal basis 1 MB", Entry(legalBasis: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
        };
        foreach (var (name, body, status, code) in entries)
        {
            yield return new($"list entry {name}", HttpMethod.Post, "/api/lists/black/entries", Sender.Department, Json(body), status, code);
        }

        // Measures: enumerations out of range, by number and by name; forbidden characters; oversized bodies.
        var measures = new (string Name, string Body, int Status, string Code)[]
        {
            ("binding 99", Measure(binding: "99"), 400, "INVALID_BODY"), ("binding -1", Measure(binding: "-1"), 400, "INVALID_BODY"), ("binding Sometimes", Measure(binding: "\"Sometimes\""), 400, "INVALID_BODY"),
            ("binding \"7\"", Measure(binding: "\"7\""), 400, "INVALID_BODY"), ("list types [7]", Measure(listTypes: "[7]"), 400, "INVALID_BODY"), ("list types [Grey]", Measure(listTypes: "[\"Grey\"]"), 400, "INVALID_BODY"),
            ("subject kinds [9]", Measure(subjectKinds: "[9]"), 400, "INVALID_BODY"), ("subject kinds [Alien]", Measure(subjectKinds: "[\"Alien\"]"), 400, "INVALID_BODY"),
            ("name with RLO", Measure(name: "\"限制\\u202E采购\""), 400, "INVALID_MEASURE"), ("name with NUL", Measure(name: "\"限制\\u0000采购\""), 400, "INVALID_MEASURE"),
            ("name 201 characters", Measure(name: $"\"{new string('限', 201)}\""), 400, "INVALID_MEASURE"), ("body 1 MB", Measure(name: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
            ("not JSON", "binding=99", 400, "INVALID_BODY"), ("empty", "", 400, "INVALID_BODY"),
            // Implementers: nothing registered answers to these names, so none is taken (each is named, quoted harmlessly).
            ("implementer injection", Measure(implementers: "[\"' or 1=1 --\"]"), 400, "INVALID_MEASURE"), ("implementer with RLO", Measure(implementers: "[\"北京市\\u202E财政局\"]"), 400, "INVALID_MEASURE"),
            ("implementer with NUL", Measure(implementers: "[\"北京市\\u0000财政局\"]"), 400, "INVALID_MEASURE"), ("implementer blank", Measure(implementers: "[\" \"]"), 400, "INVALID_MEASURE"),
            ("implementers empty", Measure(implementers: "[]"), 400, "INVALID_MEASURE"), ("implementer a number", Measure(implementers: "[7]"), 400, "INVALID_BODY"),
            ("implementer 5,000 characters", Measure(implementers: $"[\"{new string('局', 5000)}\"]"), 400, "INVALID_MEASURE"),
        };
        foreach (var (name, body, status, code) in measures)
        {
            yield return new($"measure {name}", HttpMethod.Post, "/api/measures", Sender.Supervisor, Json(body), status, code);
        }

        // Catalogue items: codes, enumerations, periods, facts and bound measures out of range; forbidden characters.
        var catalogue = new (string Name, string Body, int Status, string Code)[]
        {
            ("code with RLO", CatalogueItem(code: "\"BL-\\u202EX\""), 400, "INVALID_CATALOGUE_ITEM"), ("code lower case", CatalogueItem(code: "\"bl-x\""), 400, "INVALID_CATALOGUE_ITEM"),
            ("code 17 characters", CatalogueItem(code: "\"BL-ABCDEFGHIJKLMN\""), 400, "INVALID_CATALOGUE_ITEM"), ("list type Grey", CatalogueItem(listType: "\"Grey\""), 400, "INVALID_BODY"),
            ("list type 7", CatalogueItem(listType: "7"), 400, "INVALID_BODY"), ("no periods", CatalogueItem(periods: "\"x\":1"), 400, "INVALID_CATALOGUE_ITEM"),
            ("default above maximum", CatalogueItem(periods: "\"defaultPeriodMonths\":30,\"maximumPeriodMonths\":24"), 400, "INVALID_CATALOGUE_ITEM"),
            ("maximum 121", CatalogueItem(periods: "\"defaultPeriodMonths\":12,\"maximumPeriodMonths\":121"), 400, "INVALID_CATALOGUE_ITEM"),
            ("fact key with NUL", CatalogueItem(facts: "[{\"key\":\"a\\u0000b\",\"name\":\"事实\",\"kind\":\"Text\"}]"), 400, "INVALID_CATALOGUE_ITEM"),
            ("fact kind Maybe", CatalogueItem(facts: "[{\"key\":\"able\",\"name\":\"事实\",\"kind\":\"Maybe\"}]"), 400, "INVALID_BODY"),
            ("fact named twice", CatalogueItem(facts: "[{\"key\":\"able\",\"name\":\"事实\",\"kind\":\"YesNo\"},{\"key\":\"ABLE\",\"name\":\"事实2\",\"kind\":\"YesNo\"}]"), 400, "INVALID_CATALOGUE_ITEM"),
            ("unknown measure", CatalogueItem(measures: "[{\"measureCode\":\"S99\",\"subjectKinds\":[\"LegalPerson\"],\"roles\":[],\"when\":[]}]"), 400, "INVALID_CATALOGUE_ITEM"),
            ("measure injection", CatalogueItem(measures: "[{\"measureCode\":\"' or 1=1 --\",\"subjectKinds\":[\"LegalPerson\"],\"roles\":[],\"when\":[]}]"), 400, "INVALID_CATALOGUE_ITEM"),
            ("role Emperor", CatalogueItem(measures: "[{\"measureCode\":\"S12\",\"subjectKinds\":[],\"roles\":[\"Emperor\"],\"when\":[]}]"), 400, "INVALID_BODY"),
            ("condition on no fact", CatalogueItem(measures: "[{\"measureCode\":\"S17\",\"subjectKinds\":[\"LegalPerson\"],\"roles\":[],\"when\":[\"$where\"]}]"), 400, "INVALID_CATALOGUE_ITEM"),
            ("no measures", CatalogueItem(measures: "[]"), 400, "INVALID_CATALOGUE_ITEM"), ("body 1 MB", CatalogueItem(code: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
        };
        foreach (var (name, body, status, code) in catalogue)
        {
            yield return new($"catalogue item {name}", HttpMethod.Post, "/api/catalogue", Sender.Supervisor, Json(body), status, code);
        }

        // Codes in the routes of the lists kept in versions: what no table key may hold, and what no code is.
        foreach (var path in new[] { "/api/catalogue", "/api/measures" })
        {
            foreach (var code in new[] { "a%23b", "a%3Fb", "%01X", "a%5Cb", "BL-%E2%80%AE", "x%20y", new string('A', 300), "lower" })
            {
                yield return new($"{path} code {code[..Math.Min(code.Length, 20)]}", HttpMethod.Get, $"{path}/{code}", Sender.Supervisor, null, 400, "INVALID_CODE");
                yield return new($"{path} retire code {code[..Math.Min(code.Length, 20)]}", HttpMethod.Delete, $"{path}/{code}", Sender.Supervisor, null, 400, "INVALID_CODE");
            }

            yield return new($"{path} version out of range", HttpMethod.Get, $"{path}/S01?version=99999999999", Sender.Supervisor, null, 400, "VERSION");
        }

        // The approval a credit check serves: control characters, bidi overrides, lengths.
        foreach (var (name, approval) in new[] { ("NUL", "%00"), ("RLO", "%E2%80%AE1"), ("newline", "a%0Ab"), ("129 characters", new string('号', 129)) })
        {
            yield return new($"credit check approvalId {name}", HttpMethod.Get, $"/api/subjects/{Rows.Company}/credit-check?department={Dept}&approvalId={approval}", Sender.Department, null, 400, "INVALID_APPROVAL_ID");
        }

        // The facts an entry carries: missing, unknown, of the wrong kind or shape, with forbidden characters.
        var facts = new (string Name, string Facts, int Status, string Code)[]
        {
            ("facts missing", "null", 400, "INVALID_ENTRY"), ("facts an array", "[]", 400, "INVALID_BODY"), ("facts a string", "\"是\"", 400, "INVALID_BODY"),
            ("fact nested object", "{\"ableButRefuses\":{\"x\":1}}", 400, "INVALID_BODY"), ("fact yes/no 'perhaps'", "{\"enforcementCaseNumber\":\"1\",\"ableButRefuses\":\"perhaps\"}", 400, "INVALID_ENTRY"),
            ("unknown fact with RLO", "{\"enforcementCaseNumber\":\"1\",\"ableButRefuses\":true,\"x\\u202E\":1}", 400, "INVALID_ENTRY"),
            ("case number with NUL", "{\"enforcementCaseNumber\":\"(2025)\\u0000\",\"ableButRefuses\":true}", 400, "INVALID_ENTRY"),
            ("case number 201 characters", $"{{\"enforcementCaseNumber\":\"{new string('执', 201)}\",\"ableButRefuses\":true}}", 400, "INVALID_ENTRY"),
        };
        foreach (var (name, value, status, code) in facts)
        {
            yield return new($"list entry {name}", HttpMethod.Post, "/api/lists/black/entries", Sender.Department, Json(DebtorEntry(value)), status, code);
        }

        // Remedies: oversized and forbidden text, broken JSON.
        var item = "{\"kind\":\"record\",\"id\":\"" + Dept + "-0123456789abcdef0123456789abcdef\"}";
        var remedies = new (string Path, string Name, string Body, int Status, string Code)[]
        {
            ("/api/objections", "reason 1 MB", $"{{\"item\":{item},\"reason\":\"{new string('x', 1 << 20)}\"}}", 413, "BODY_TOO_LARGE"),
            ("/api/objections", "reason with RLO", $"{{\"item\":{item},\"reason\":\"错\\u202E误\"}}", 400, "FORBIDDEN_CHARACTER"),
            ("/api/objections", "reason 3,000 characters", $"{{\"item\":{item},\"reason\":\"{new string('错', 3000)}\"}}", 400, "TOO_LONG"),
            ("/api/objections", "item kind unknown", "{\"item\":{\"kind\":\"planet\",\"id\":\"x\"},\"reason\":\"r\"}", 400, "*"),
            ("/api/objections", "broken JSON", "{\"item\":", 400, "INVALID_BODY"),
            ("/api/repairs", "statement 1 MB", $"{{\"item\":{item},\"statement\":\"{new string('x', 1 << 20)}\"}}", 413, "BODY_TOO_LARGE"),
            ("/api/repairs", "statement with NUL", $"{{\"item\":{item},\"statement\":\"已\\u0000履行\"}}", 400, "FORBIDDEN_CHARACTER"),
            ("/api/repairs", "broken JSON", "]", 400, "INVALID_BODY"),
            ("/api/objections", "commitment id with a path", "{\"item\":{\"kind\":\"commitment\",\"id\":\"../../Commitments\"},\"reason\":\"r\"}", 404, "ITEM_NOT_FOUND"),
            ("/api/objections", "commitment id with '#' and '?'", $"{{\"item\":{{\"kind\":\"commitment\",\"id\":\"{Rows.Company}-c0123456789#bcdef?123456789\"}},\"reason\":\"r\"}}", 404, "ITEM_NOT_FOUND"),
            ("/api/objections", "commitment id 10,000 characters", $"{{\"item\":{{\"kind\":\"commitment\",\"id\":\"{Rows.Company}-c{new string('a', 9980)}\"}},\"reason\":\"r\"}}", 404, "ITEM_NOT_FOUND"),
            ("/api/repairs", "a commitment (objections only)", $"{{\"item\":{{\"kind\":\"commitment\",\"id\":\"{Rows.Company}-c0123456789abcdef01234567\"}},\"statement\":\"s\"}}", 400, "ITEM"),
        };
        foreach (var (path, name, body, status, code) in remedies)
        {
            // Only a subject applies for repair; a department may file an objection to what it holds.
            yield return new($"{path} {name}", HttpMethod.Post, path, path == "/api/repairs" ? Sender.Subject : Sender.Department, Json(body), status, code);
        }

        // Commitments: every field at its edges, injections in the subject and kind, broken JSON, ids that are none.
        static string Commitment(string subjectCode = $"\"{Rows.Company}\"", string kind = "\"deficiency\"", string text = "\"承诺补交材料\"", string takenOn = "\"2024-03-01\"", string missing = "[\"消防验收意见书\"]", string due = "\"2024-03-15\"", string reference = "\"京建许〔2024〕1号\"") =>
            $$"""{"subjectCode":{{subjectCode}},"subjectName":"北京示例建筑有限公司","kind":{{kind}},"reference":{{reference}},"text":{{text}},"takenOn":{{takenOn}},"missingItems":{{missing}},"dueDate":{{due}}}""";
        var commitments = new List<(string Name, string Body, int Status, string Code)>
        {
            ("text 1 MB", Commitment(text: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
            ("text with RLO", Commitment(text: "\"承\\u202E诺\""), 400, "INVALID_COMMITMENT"),
            ("text 4,001 characters", Commitment(text: $"\"{new string('诺', 4001)}\""), 400, "INVALID_COMMITMENT"),
            ("reference 129 characters", Commitment(reference: $"\"{new string('号', 129)}\""), 400, "INVALID_COMMITMENT"),
            ("reference with a line break", Commitment(reference: "\"京建许\\n1号\""), 400, "INVALID_COMMITMENT"),
            ("51 missing items", Commitment(missing: $"[{string.Join(',', Enumerable.Repeat("\"材料\"", 51))}]"), 400, "INVALID_COMMITMENT"),
            ("a missing item of 201 characters", Commitment(missing: $"[\"{new string('材', 201)}\"]"), 400, "INVALID_COMMITMENT"),
            ("an empty missing item", Commitment(missing: "[\"\"]"), 400, "INVALID_COMMITMENT"),
            ("a missing item with RLO", Commitment(missing: "[\"消防\\u202E书\"]"), 400, "INVALID_COMMITMENT"),
            ("a missing item with a line break", Commitment(missing: "[\"消防\\n书\"]"), 400, "INVALID_COMMITMENT"),
            ("taken on 2024-02-30", Commitment(takenOn: "\"2024-02-30\""), 400, "INVALID_COMMITMENT"),
            ("taken in the future", Commitment(takenOn: "\"2999-01-01\"", due: "\"2999-02-01\""), 400, "INVALID_COMMITMENT"),
            ("due before taken", Commitment(due: "\"2024-02-01\""), 400, "INVALID_COMMITMENT"),
            ("missing items a string", Commitment(missing: "\"消防\""), 400, "INVALID_BODY"),
            ("broken JSON", "{\"subjectCode\":", 400, "INVALID_BODY"),
            ("body an array", "[]", 400, "INVALID_BODY"),
        };
        foreach (var injection in Injections)
        {
            var quoted = JsonSerializer.Serialize(injection);
            commitments.Add(($"subject code {injection}", Commitment(subjectCode: quoted), 400, "INVALID_COMMITMENT"));
            commitments.Add(($"kind {injection}", Commitment(kind: quoted), 400, "INVALID_COMMITMENT"));
        }

        foreach (var (name, body, status, code) in commitments)
        {
            yield return new($"commitment {name}", HttpMethod.Post, "/api/commitments", Sender.Department, Json(body), status, code);
        }

        foreach (var id in new[] { "x", $"{Rows.Company}-c{new string('g', 24)}", $"{Rows.Company}-c{new string('0', 23)}", "110105198001010016-c0123456789abcdef01234567", "%E2%80%AE" })
        {
            yield return new($"commitment id {id}", HttpMethod.Get, $"/api/commitments/{id}", Sender.Department, null, 400, "COMMITMENT_ID");
        }

        // Reports of dishonesty: anyone may send one, so every field is bounded and checked.
        static string Report(string subjectCode = "null", string conduct = "\"虚假宣传\"", string reporter = "\"anonymous\":true") =>
            $$"""{"subjectName":"北京举报示例有限公司","subjectCode":{{subjectCode}},"conduct":{{conduct}},{{reporter}}}""";
        var reports = new List<(string Name, string Body, int Status, string Code)>
        {
            ("conduct 1 MB", Report(conduct: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
            ("conduct 4,001 characters", Report(conduct: $"\"{new string('举', 4001)}\""), 400, "INVALID_REPORT"),
            ("conduct with RLO", Report(conduct: "\"虚假\\u202E宣传\""), 400, "INVALID_REPORT"),
            ("reporter name with a line break", Report(reporter: "\"reporterName\":\"王\\n五\""), 400, "INVALID_REPORT"),
            ("contact of 201 characters", Report(reporter: $"\"reporterContact\":\"{new string('1', 201)}\""), 400, "INVALID_REPORT"),
            ("anonymous a string", Report(reporter: "\"anonymous\":\"yes\""), 400, "INVALID_BODY"),
            ("broken JSON", "{\"subjectName\":", 400, "INVALID_BODY"),
        };
        foreach (var injection in Injections)
        {
            reports.Add(($"subject code {injection}", Report(subjectCode: JsonSerializer.Serialize(injection)), 400, "INVALID_REPORT"));
        }

        foreach (var (name, body, status, code) in reports)
        {
            yield return new($"report of dishonesty {name}", HttpMethod.Post, "/api/public/reports-of-dishonesty", Sender.Anonymous, Json(body), status, code);
        }

        foreach (var id in new[] { "x", $"DR{new string('g', 24)}", "%E2%80%AE", "' or 1=1 --" })
        {
            yield return new($"report id {id}", HttpMethod.Get, $"/api/public/reports-of-dishonesty/{Uri.EscapeDataString(id)}", Sender.Anonymous, null, 404, "REPORT_NOT_FOUND");
            yield return new($"report id {id} for the office", HttpMethod.Get, $"/api/reports-of-dishonesty/{Uri.EscapeDataString(id)}", Sender.Supervisor, null, 400, "REPORT_ID");
        }

        // Complaints of governments' breaches: a subject's text, bounded and checked.
        static string Complaint(string respondent = "\"11110000000021135M\"", string description = "\"未付工程款\"") =>
            $$"""{"respondentCode":{{respondent}},"respondentName":"北京市示例委","kind":"breachOfContract","description":{{description}},"complainantName":"北京示例有限公司"}""";
        foreach (var (name, body, status, code) in new (string, string, int, string)[]
        {
            ("description 1 MB", Complaint(description: $"\"{new string('x', 1 << 20)}\""), 413, "BODY_TOO_LARGE"),
            ("description with RLO", Complaint(description: "\"未付\\u202E款\""), 400, "INVALID_COMPLAINT"),
            ("description 4,001 characters", Complaint(description: $"\"{new string('款', 4001)}\""), 400, "INVALID_COMPLAINT"),
            ("respondent a company", Complaint(respondent: $"\"{Rows.Company}\""), 400, "INVALID_COMPLAINT"),
            ("respondent an injection", Complaint(respondent: JsonSerializer.Serialize("' or 1=1 --")), 400, "INVALID_COMPLAINT"),
            ("broken JSON", "{\"respondentCode\":", 400, "INVALID_BODY"),
        })
        {
            yield return new($"government complaint {name}", HttpMethod.Post, "/api/government-complaints", Sender.Subject, Json(body), status, code);
        }

        foreach (var id in new[] { "x", $"GC{new string('g', 24)}", "%E2%80%AE" })
        {
            yield return new($"complaint id {id}", HttpMethod.Get, $"/api/government-complaints/{id}", Sender.Subject, null, 400, "COMPLAINT_ID");
        }

        // Unknown routes and methods: the server's own answers carry the product's body.
        foreach (var path in new[] { "/api/nothing", "/api/uploads", "/api/records", "/api/public", "/nothing", "/api/measures/S01/versions/1" })
        {
            yield return new($"unknown route {path}", HttpMethod.Get, path, Sender.Supervisor, null, 404, "NOT_FOUND");
        }

        foreach (var (method, path) in new[] { (HttpMethod.Delete, "/api/health"), (HttpMethod.Post, "/api/calendar/deadline"), (HttpMethod.Patch, "/api/measures"), (HttpMethod.Put, "/api/quarantine") })
        {
            yield return new($"method {method} {path}", method, path, Sender.Supervisor, null, 405, "METHOD_NOT_ALLOWED");
        }

        // A year's holiday arrangement: years out of range or not numbers, and arrangements nobody may store.
        foreach (var year in new[] { "20x7", "1999", "2101", "99999", "%2F", "-2027" })
        {
            yield return new($"holiday year {year}", HttpMethod.Put, $"/api/calendar/years/{year}", Sender.Supervisor, Json(JsonSerializer.Serialize(new { notices = new[] { "https://www.gov.cn/x" }, offDays = new { } })), 400, "INVALID_YEAR");
        }

        foreach (var (name, body) in new (string, object)[]
        {
            ("date 9999", new { notices = new[] { "https://www.gov.cn/x" }, offDays = new Dictionary<string, string> { ["9999-01-01"] = "元旦" }, makeupWorkdays = new { } }),
            ("bidi override in a name", new { notices = new[] { "https://www.gov.cn/x" }, offDays = new Dictionary<string, string> { ["2027-01-01"] = "元‮旦" }, makeupWorkdays = new { } }),
            ("control character in a notice", new { notices = new[] { "https://www.gov.cn/x" }, offDays = new Dictionary<string, string> { ["2027-01-01"] = "元旦" }, makeupWorkdays = new { } }),
            ("a 2,000-character name", new { notices = new[] { "https://www.gov.cn/x" }, offDays = new Dictionary<string, string> { ["2027-01-01"] = new string('节', 2_000) }, makeupWorkdays = new { } }),
            ("offDays an array", new { notices = new[] { "https://www.gov.cn/x" }, offDays = new[] { "2027-01-01" }, makeupWorkdays = new { } }),
        })
        {
            yield return new($"holiday arrangement {name}", HttpMethod.Put, "/api/calendar/years/2027", Sender.Supervisor, Json(JsonSerializer.Serialize(body)), 400, "INVALID_ARRANGEMENT");
        }

        // Consents and credit reports (a subject's own): every field out of its rule, refused before anything is stored.
        static string Consent(string name = "\"北京示例银行\"", string code = "\"91110000600037341L\"", string purpose = "\"授信审查\"", string scope = "\"report\"", string expires = "\"2099-01-01\"") =>
            $$"""{"granteeName":{{name}},"granteeCode":{{code}},"purpose":{{purpose}},"scope":{{scope}},"expiresOn":{{expires}}}""";
        foreach (var (name, body, code) in new (string, string, string)[]
        {
            ("not JSON", "scope=report", "INVALID_BODY"), ("grantee name with RLO", Consent(name: "\"北京\u202E银行\""), "GRANTEE_NAME"), ("grantee name 101 characters", Consent(name: $"\"{new string('银', 101)}\""), "GRANTEE_NAME"),
            ("grantee name empty", Consent(name: "\"  \""), "GRANTEE_NAME"), ("grantee code injection", Consent(code: "\"' or 1=1 --\""), "GRANTEE_CODE"), ("grantee code check character", Consent(code: "\"91110000600037341M\""), "GRANTEE_CODE"),
            ("purpose with NUL", Consent(purpose: "\"授信\\u0000审查\""), "PURPOSE"), ("scope everything", Consent(scope: "\"everything\""), "SCOPE"), ("scope a number", Consent(scope: "1"), "INVALID_BODY"),
            ("expires in 2099", Consent(), "EXPIRES_ON"), ("expires yesterday", Consent(expires: "\"2000-01-01\""), "EXPIRES_ON"), ("expires not a date", Consent(expires: "\"soon\""), "EXPIRES_ON"),
        })
        {
            yield return new($"consent {name}", HttpMethod.Post, "/api/me/consents", Sender.Subject, Json(body), 400, code);
        }

        foreach (var (name, body, code) in new (string, string, string)[]
        {
            ("kind monthly", "{\"kind\":\"monthly\"}", "INVALID_REPORT_KIND"), ("special without scope", "{\"kind\":\"special\"}", "NOTHING_ASKED"),
            ("field injection", "{\"kind\":\"special\",\"fields\":[\"<script>\"]}", "INVALID_FIELD"), ("department not a code", "{\"kind\":\"special\",\"departments\":[\"../../etc\"]}", "INVALID_DEPARTMENT"),
            ("21 departments", $"{{\"kind\":\"special\",\"departments\":[{string.Join(',', Enumerable.Repeat($"\"{Rows.Department}\"", 21))}]}}", "TOO_MANY"), ("fields not a list", "{\"kind\":\"special\",\"fields\":\"食品药品\"}", "INVALID_BODY"),
        })
        {
            yield return new($"credit report {name}", HttpMethod.Post, "/api/me/credit-reports", Sender.Subject, Json(body), 400, code);
        }

        foreach (var id in new[] { "x", "CR", "CR" + new string('g', 24), "CS000000" })
        {
            yield return new($"credit report id {id}", HttpMethod.Get, $"/api/me/credit-reports/{id}", Sender.Subject, null, 404, "REPORT_NOT_FOUND");
            yield return new($"consent revocation {id}", HttpMethod.Post, $"/api/me/consents/{id}/revocation", Sender.Subject, null, 404, "CONSENT_NOT_FOUND");
        }

        // The evaluation model: every refusal leaves the model in force as it is.
        static string Model(string baseScore = "80", string penalties = "[{\"class\":\"Serious\",\"withinMonths\":12,\"points\":30}]", string grades = "{\"a\":90,\"b\":70,\"c\":50}") =>
            $$"""{"baseScore":{{baseScore}},"penalties":{{penalties}},"blackList":40,"watchList":20,"recentlyListed":10,"listedWithinMonths":36,"brokenCommitment":15,"brokenCommitmentMonths":36,"overdueCommitment":5,"redList":10,"keptCommitment":2,"keptCommitmentsCap":6,"grades":{{grades}}}""";
        foreach (var (name, body, status, code) in new (string, string, int, string)[]
        {
            ("base score -1", Model(baseScore: "-1"), 400, "INVALID_EVALUATION_MODEL"), ("base score 101", Model(baseScore: "101"), 400, "INVALID_EVALUATION_MODEL"),
            ("base score beyond an int", Model(baseScore: "99999999999"), 400, "INVALID_BODY"), ("grades falling", Model(grades: "{\"a\":50,\"b\":70,\"c\":90}"), 400, "INVALID_EVALUATION_MODEL"),
            ("grades null", Model(grades: "null"), 400, "INVALID_EVALUATION_MODEL"), ("no penalty rows", Model(penalties: "[]"), 400, "INVALID_EVALUATION_MODEL"),
            ("21 penalty rows", Model(penalties: $"[{string.Join(',', Enumerable.Repeat("{\"class\":\"Minor\",\"withinMonths\":12,\"points\":1}", 21))}]"), 400, "INVALID_EVALUATION_MODEL"),
            ("a null penalty row", Model(penalties: "[null]"), 400, "INVALID_EVALUATION_MODEL"), ("a class that is none", Model(penalties: "[{\"class\":\"Deadly\",\"withinMonths\":12,\"points\":1}]"), 400, "INVALID_BODY"),
            ("a window of 0 months", Model(penalties: "[{\"class\":\"Minor\",\"withinMonths\":0,\"points\":1}]"), 400, "INVALID_EVALUATION_MODEL"),
            ("broken JSON", "{\"baseScore\":", 400, "INVALID_BODY"), ("body an array", "[]", 400, "INVALID_BODY"), ("body 1 MB", Model(baseScore: new string(' ', 1 << 20) + "80"), 413, "BODY_TOO_LARGE"),
        })
        {
            yield return new($"evaluation model {name}", HttpMethod.Put, "/api/evaluation/model", Sender.Supervisor, Json(body), status, code);
        }

        foreach (var version in new[] { "0", "-1", "99999", "1.5", "%27%20or%201%3D1" })
        {
            yield return new($"evaluation model version {version}", HttpMethod.Get, $"/api/evaluation/model?version={version}", Sender.Department, null, 404, "NO_SUCH_VERSION");
        }

        yield return new("evaluation grades without a department", HttpMethod.Get, "/api/evaluation/grades", Sender.Supervisor, null, 400, "DEPARTMENT");

        // Inspection plans: a seed is bounded text, a plan id names nothing the caller may read.
        foreach (var (name, body, sender, code) in new (string, string, Sender, string)[]
        {
            ("seed with RLO", "{\"seed\":\"抽\u202E查\"}", Sender.Department, "INVALID_PLAN"), ("seed of 65 characters", $"{{\"seed\":\"{new string('s', 65)}\"}}", Sender.Department, "INVALID_PLAN"),
            ("seed with a line break", "{\"seed\":\"a\\nb\"}", Sender.Department, "INVALID_PLAN"), ("office without a department", "{}", Sender.Supervisor, "INVALID_PLAN"),
            ("seed a number", "{\"seed\":5}", Sender.Department, "INVALID_BODY"), ("broken JSON", "{\"seed\":", Sender.Department, "INVALID_BODY"),
        })
        {
            yield return new($"inspection plan {name}", HttpMethod.Post, "/api/inspections/plans", sender, Json(body), 400, code);
        }

        foreach (var id in new[] { "x", "IP", "IP" + new string('g', 24), "IP" + new string('0', 24), "%27%20or%201%3D1" })
        {
            yield return new($"inspection plan id {id}", HttpMethod.Get, $"/api/inspections/plans/{id}", Sender.Department, null, 404, "PLAN_NOT_FOUND");
            yield return new($"inspection result on plan {id}", HttpMethod.Post, $"/api/inspections/plans/{id}/results", Sender.Department,
                Json("{\"subject\":\"x\",\"inspectedOn\":\"2026-01-01\",\"problemsFound\":false}"), 404, "PLAN_NOT_FOUND");
        }

        // The quarantine: ids that name nothing.
        foreach (var id in new[] { "x", "DisclosureRun.zz", "DisclosureRun." + new string('0', 32), "StatisticsRun.ABC" })
        {
            yield return new($"quarantine retry {id}", HttpMethod.Post, $"/api/quarantine/{id}/retry", Sender.Supervisor, null, 404, "QUARANTINE_ITEM_NOT_FOUND");
        }
    }
}
