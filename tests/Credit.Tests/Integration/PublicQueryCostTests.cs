using Azure.Core;
using Azure.Core.Pipeline;
using Credit.Disclosure;
using Credit.Functions.Api;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Tests.Integration;

/// <summary>
/// A public query costs one partition query (a subject's records and list status together) and, beside it, one point
/// read of its grade: counted at the storage client.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class PublicQueryCostTests(Azurite azurite)
{
    sealed class RequestCounter : HttpPipelinePolicy
    {
        public List<string> Requests { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Requests.Add($"{message.Request.Method} {message.Request.Uri.Path}");
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Requests.Add($"{message.Request.Method} {message.Request.Uri.Path}");
            return ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task A_subject_query_makes_one_partition_query_and_one_point_read_and_a_name_search_one_request()
    {
        var counter = new RequestCounter();
        var storage = TestStorage.Observed(azurite.ConnectionString, counter);
        await storage.EnsureCreatedAsync();
        var store = new PublicStore(storage);
        var department = Rows.DepartmentCode(801);
        var subject = Rows.DepartmentCode(802);
        var entries = Enumerable.Range(0, 3).Select(i => PublicEntry.From(
            Rows.Record(Rows.Penalty($"费用〔2024〕{i}号", subjectCode: subject, department: department), department, new DateOnly(2024, 10, 9), i + 2), new DisclosureOptions())).ToList();
        await store.PublishAsync(entries, new DateOnly(2024, 10, 9), DateTimeOffset.UtcNow, CancellationToken.None);
        var listed = new Credit.Lists.ListEntryValidator(Rows.SubjectKeys).Validate(department, new Credit.Lists.ListEntryDraft(
            "black", subject, "北京示例食品有限公司", "严重失信", "食品药品", "《北京市社会信用条例》第二十九条", "费用黑〔2024〕1号", "2024-10-08", "24", []), Credit.Catalogue.CatalogueSnapshot.Seeded).Entry!;
        await new PublicListStore(storage).PublishAsync(PublicListEntry.From(listed, null, new DateOnly(2024, 10, 17), false), new DateOnly(2024, 10, 9), DateTimeOffset.UtcNow, CancellationToken.None);

        using var rateLimit = new PublicRateLimit(Microsoft.Extensions.Options.Options.Create(new PublicApiOptions()));
        var evaluations = new Credit.Evaluation.EvaluationStore(storage);
        await evaluations.SaveAllAsync(Credit.Evaluation.EvaluationModel.Default, [(subject, new Credit.Evaluation.SubjectEvaluation(1, 25, "D", []))], DateTimeOffset.UtcNow, CancellationToken.None);
        var api = new PublicApi(store, evaluations, Rows.SubjectKeys, rateLimit);
        counter.Requests.Clear();
        var result = await api.GetPublicSubject(new DefaultHttpContext().Request, subject, CancellationToken.None);
        var page = Assert.IsType<SubjectPage>(Assert.IsType<OkObjectResult>(result).Value);
        Assert.Equal((3, 1, "D"), (page.Records.Count, page.Lists.Count, page.Grade?.Grade));
        Assert.Equal(2, counter.Requests.Count);
        Assert.Single(counter.Requests, r => r.Contains("/PublicRecords()", StringComparison.Ordinal));
        Assert.Single(counter.Requests, r => r.Contains($"/Evaluations(PartitionKey='{Credit.Evaluation.SubjectBuckets.Of(subject)}',RowKey='{subject}')", StringComparison.Ordinal));

        counter.Requests.Clear();
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?name=" + Uri.EscapeDataString("北京示例"));
        Assert.IsType<OkObjectResult>(await api.SearchPublicSubjects(context.Request, CancellationToken.None));
        Assert.Single(counter.Requests);
    }
}
