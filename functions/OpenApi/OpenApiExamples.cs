using System.Text.Json.Nodes;

namespace Credit.Functions.OpenApi;

/// <summary>
/// An example of every parameter and JSON body of the document, made from its schema with values of the domain (a
/// department's and a company's 统一社会信用代码, a masked ID number, a decision document, Beijing dates), so that a
/// reader sees a whole body it could send or will get. Made, not written by hand, so that it never drifts from the
/// type; a test checks each against its schema.
/// </summary>
static class OpenApiExamples
{
    const string Department = "11110000000021135M";
    const string Company = "91110105MA00000012";
    const string EntryId = Department + "-b3f9c2a17d04e5b6a8c9d0e1f";
    const string RecordId = Department + "-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    const string Timestamp = "2024-10-15T09:30:00+08:00";
    const string Date = "2024-10-15";
    const int MaxDepth = 12;

    static readonly Dictionary<string, string> Strings = new(StringComparer.OrdinalIgnoreCase)
    {
        // "object.property" first: a name that means another thing inside another object.
        ["item.kind"] = "ListEntry",
        ["measure.code"] = "S05",
        ["measure.name"] = "限制参加政府采购活动",
        ["fact.key"] = "licenceRevoked",
        ["fact.name"] = "被吊销许可证",
        ["catalogueCode"] = "BL-FOOD",
        ["measureCode"] = "S09",
        ["criteria"] = "因食品药品安全违法行为受到吊销许可证等较重行政处罚，被认定为严重违法失信",
        ["responsiblePerson.name"] = "张三",
        ["figure.name"] = "北京市市场监督管理局",
        ["id"] = EntryId,
        ["caseId"] = EntryId,
        ["entryId"] = EntryId,
        ["recordId"] = RecordId,
        ["department"] = Department,
        ["departmentCode"] = Department,
        ["decidingDepartment"] = Department,
        ["initiatingDepartment"] = Department,
        ["filedBy"] = Department,
        ["decidedBy"] = Department,
        ["actor"] = Department,
        ["reader"] = Department,
        ["subject"] = Company,
        ["subjectCode"] = Company,
        ["listedSubject"] = Company,
        ["target"] = Company,
        ["name"] = "北京示例食品有限公司",
        ["subjectName"] = "北京示例食品有限公司",
        ["label"] = "北京示例食品有限公司（" + Company + "）",
        ["idNumber"] = "110105********0016",
        ["category"] = "食品药品领域严重失信",
        ["field"] = "食品药品",
        ["legalBasis"] = "《中华人民共和国食品安全法》第一百三十四条",
        ["decisionDocument"] = "京市监罚〔2024〕7号",
        ["document"] = "京市监罚〔2024〕7号",
        ["documentNumber"] = "京市监罚〔2024〕7号",
        ["reason"] = "当事人已履行行政处罚决定并完成整改",
        ["decisionReason"] = "已核实整改材料，同意修复",
        ["endReason"] = "有效期届满",
        ["statement"] = "已按期缴纳罚款并完成整改，申请信用修复",
        ["proof"] = "缴款凭证 京财缴〔2024〕88号",
        ["commitment"] = "信用承诺书（2024年10月）",
        ["purpose"] = "实施措施 S05：限制参加政府采购活动",
        ["measure"] = "S05",
        ["implementer"] = "北京市财政局",
        ["outcome"] = "applied",
        ["reference"] = "京财采〔2024〕12号",
        ["listType"] = "black",
        ["role"] = "LegalRepresentative",
        ["roleZh"] = "法定代表人",
        ["message"] = "done",
        ["messageZh"] = "已完成",
        ["month"] = "2024-10",
        ["file"] = "penalties-2024-10.csv",
        ["kind"] = "Penalty",
        ["instanceId"] = "data-key-rotation-000002",
        ["contentSha256"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ["at"] = Timestamp,
        ["withdrawBy"] = Date,
        ["asOf"] = Date,
        ["from"] = Date,
        ["deadline"] = Date,
        ["deadlineNow"] = Date,
        ["storedDeadline"] = Date,
        ["feedbackDeadline"] = Date,
    };

    static readonly Dictionary<string, int> Integers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = 2024,
        ["periodMonths"] = 36,
        ["months"] = 12,
        ["workingDays"] = 7,
        ["version"] = 2,
        ["row"] = 2,
    };

    /// <summary>An example of a body whose schema is <paramref name="schema"/> (often a $ref into <paramref name="schemas"/>).</summary>
    public static JsonNode? Body(JsonNode schema, JsonObject schemas) => Of(schema, schemas, null, 0);

    /// <summary>An example of a path or query parameter of <paramref name="path"/>, in the operation on <paramref name="resource"/>.</summary>
    public static JsonNode? Parameter(string name, JsonObject schema, string path, ResourceKind resource) => name switch
    {
        "id" => resource switch
        {
            ResourceKind.Record => RecordId,
            ResourceKind.Objection => "o3f9c2a17d04e5b6a8c9d0e1f",
            ResourceKind.Repair => "r3f9c2a17d04e5b6a8c9d0e1f",
            ResourceKind.Commitment => $"{Company}-c3f9c2a17d04e5b6a8c9d0e1f",
            _ when path.Contains("/reports-of-dishonesty/", StringComparison.Ordinal) => "DR3f9c2a17d04e5b6a8c9d0e1f",
            ResourceKind.GovernmentComplaint => "GC3f9c2a17d04e5b6a8c9d0e1f",
            _ => path.StartsWith("/api/quarantine", StringComparison.Ordinal) ? "intake-0f1e2d3c4b5a6978" : EntryId,
        },
        "code" when path.StartsWith("/api/measures", StringComparison.Ordinal) => "S05",
        "code" when path.StartsWith("/api/catalogue", StringComparison.Ordinal) => "BL-COURT",
        "code" => Company,
        "listType" => "black",
        "target" => "P3a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "name" when path.Contains("/evidence/", StringComparison.Ordinal) => "payment-receipt.pdf",
        "name" when path.StartsWith("/api/uploads", StringComparison.Ordinal) => "penalties-2024-10.csv",
        "name" => "示例食品",
        "purpose" => Strings["purpose"],
        _ => Of(schema, [], name, 0),
    };

    static JsonNode? Of(JsonNode? schema, JsonObject schemas, string? name, int depth, string? parent = null)
    {
        if (schema is not JsonObject node || depth > MaxDepth)
        {
            return new JsonObject();
        }

        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            return Of(Resolve(schemas, reference), schemas, name, depth + 1, parent);
        }

        if (node["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        var types = node["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => node["properties"] is not null ? ["object"] : name is not null && Integers.ContainsKey(name) ? ["integer"] : [],
        };
        return types switch
        {
            _ when types.Contains("integer") => Integer(node, name),
            _ when types.Contains("number") => 0.95,
            _ when types.Contains("boolean") => false,
            _ when types.Contains("array") => new JsonArray(Of(node["items"], schemas, Singular(name), depth + 1)),
            _ when types.Contains("object") => Object(node, schemas, name, depth),
            _ when types.Contains("string") => Text(name, parent),
            _ => new JsonObject(),
        };
    }

    static JsonObject Object(JsonObject node, JsonObject schemas, string? name, int depth)
    {
        var example = new JsonObject();
        foreach (var (property, schema) in node["properties"] as JsonObject ?? [])
        {
            example[property] = Of(schema, schemas, property, depth + 1, name);
        }

        if (node["additionalProperties"] is JsonObject values)
        {
            example["key"] = Of(values, schemas, null, depth + 1);
        }

        return example;
    }

    static int Integer(JsonObject node, string? name) =>
        name is not null && Integers.TryGetValue(name, out var value) ? value
            : node["minimum"] is JsonValue minimum && minimum.TryGetValue<int>(out var least) && least > 1 ? least : 1;

    static string Text(string? name, string? parent) => name switch
    {
        null => "example",
        _ when Strings.TryGetValue($"{parent}.{name}", out var value) => value,
        _ when Strings.TryGetValue(name, out var value) => value,
        _ when name.EndsWith("At", StringComparison.Ordinal) => Timestamp,
        _ when name.EndsWith("Date", StringComparison.Ordinal) || name.EndsWith("On", StringComparison.Ordinal) || name == "date" => Date,
        _ when name.EndsWith("Zh", StringComparison.Ordinal) => "示例",
        _ => "example",
    };

    /// <summary>An array's items are named by the array: "responsiblePersons" items are persons, "ids" items ids.</summary>
    static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;

    /// <summary>A schema by its reference into the components ("#/components/schemas/Name/properties/…").</summary>
    static JsonNode? Resolve(JsonObject schemas, string reference)
    {
        const string Components = "#/components/schemas/";
        JsonNode? node = schemas;
        foreach (var segment in reference[Components.Length..].Split('/'))
        {
            node = node is JsonArray array && int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var index) ? array[index] : node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }
}
