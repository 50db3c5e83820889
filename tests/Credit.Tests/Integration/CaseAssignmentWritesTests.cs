using Azure.Core;
using Azure.Core.Pipeline;
using Credit.JointCases;
using Credit.Measures;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

/// <summary>
/// Opening a case writes its assignments; a step that dies between its writes and is retried must end with the whole
/// set, never with the part the first attempt got to (issue 15: cases opened with 2 of their 12 measures).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CaseAssignmentWritesTests(Azurite azurite)
{
    static readonly DateOnly Deadline = new(2025, 3, 10);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 100)]
    public async Task A_step_killed_between_its_writes_leaves_whole_transactions_and_its_retry_adds_exactly_the_rest(int dyingBatch, int storedAfterCrash)
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var caseId = $"case-writes-{dyingBatch}-{Guid.NewGuid():N}";
        var wanted = Enumerable.Range(1, 130).Select(i => new Assignment(
            Rows.DepartmentCode(700 + i % 7), $"S{i:D2}", 1, $"措施{i}", MeasureBinding.Mandatory, "《社会信用体系建设规划纲要》", new CaseTarget(Rows.DepartmentCode(800 + i), $"主体{i}", null))).ToList();

        var dying = new CaseStore(TestStorage.Observed(azurite.ConnectionString, new DieAtBatch(dyingBatch)));
        await Assert.ThrowsAsync<IOException>(() => dying.AddAssignmentsAsync(caseId, wanted, 1, Deadline));
        var store = new CaseStore(storage);
        Assert.Equal(storedAfterCrash, (await store.AssignmentsAsync(caseId)).Count);

        await store.AddAssignmentsAsync(caseId, wanted, 1, Deadline);
        await store.AddAssignmentsAsync(caseId, wanted, 1, Deadline);
        var stored = await store.AssignmentsAsync(caseId);
        Assert.Equal(wanted.Select(a => a.Key).Order(StringComparer.Ordinal), stored.Select(a => a.Assignment.Key).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.Equal(AssignmentStatus.Pending, a.Status));
    }

    /// <summary>The process dies just before sending its <c>n</c>-th entity-group transaction.</summary>
    sealed class DieAtBatch(int n) : HttpPipelinePolicy
    {
        int batches;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("the store is used asynchronously");

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref batches) == n
                ? throw new IOException("killed")
                : ProcessNextAsync(message, pipeline);
    }
}
