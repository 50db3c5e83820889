using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Functions.OpenApi;
using Credit.Measures;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>The check every end-to-end response goes through: a response as its operation declares passes, one that lacks or changes a field does not, a route the document leaves out is not checked.</summary>
public sealed class ResponseSchemaCheckTests
{
    static readonly JsonObject Document = Credit.Functions.OpenApi.OpenApiDocument.Build(typeof(OpenApiFunction).Assembly);

    static JsonObject Measure() => JsonSerializer.SerializeToNode(MeasureCatalog.Seed[0], JsonSerializerOptions.Web)!.AsObject();

    [Fact]
    public void A_response_as_declared_passes()
    {
        var (operation, errors) = ResponseSchemaCheck.Check(Document, "GET", "/api/measures/S01", 200, Measure().ToJsonString());
        Assert.Equal("GET /api/measures/{code} 200 as Measure", operation);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("version", "\"one\"")]
    [InlineData("implementers", "\"北京市财政局\"")]
    [InlineData("retired", null)]
    public void A_response_with_a_field_missing_or_of_another_type_is_named(string field, string? value)
    {
        var measure = Measure();
        measure.Remove(field);
        if (value is not null)
        {
            measure[field] = JsonNode.Parse(value);
        }

        var (_, errors) = ResponseSchemaCheck.Check(Document, "GET", "/api/measures/S01", 200, measure.ToJsonString());
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void A_route_outside_the_document_is_not_checked() =>
        Assert.Null(ResponseSchemaCheck.Check(Document, "GET", "/dashboard/index.html", 200, "{}").Operation);
}
