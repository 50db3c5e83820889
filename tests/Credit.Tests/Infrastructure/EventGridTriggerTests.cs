using System.Reflection;
using System.Text.Json;
using Credit.Functions.Hosting;
using Credit.Testing;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Tests.Infrastructure;

/// <summary>
/// Blob triggers as Flex Consumption runs them: Event Grid-sourced, each with a subscription to its container's
/// BlobCreated events that delivers to the blobs-extension webhook under the function's name.
/// </summary>
public sealed class EventGridTriggerTests
{
    static readonly IReadOnlyList<(string Function, BlobTriggerAttribute Trigger)> BlobTriggers =
        [.. typeof(CreditServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<BlobTriggerAttribute>()).OfType<BlobTriggerAttribute>()
                .Select(a => (m.GetCustomAttribute<FunctionAttribute>()!.Name, a)))];

    [Fact]
    public void Every_blob_trigger_is_Event_Grid_sourced()
    {
        Assert.NotEmpty(BlobTriggers);
        Assert.All(BlobTriggers, t => Assert.True(
            t.Trigger.Source == BlobTriggerSource.EventGrid,
            $"{t.Function}: Flex Consumption runs only Event Grid-sourced blob triggers; set Source = BlobTriggerSource.EventGrid"));
    }

    [Fact]
    public void The_subscription_list_names_every_blob_trigger_and_its_container()
    {
        using var listed = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "blob-triggers.json")));
        var inTemplate = listed.RootElement.EnumerateArray().Select(e => (e.GetProperty("function").GetString()!, e.GetProperty("container").GetString()!)).Order().ToList();
        var inCode = BlobTriggers.Select(t => (t.Function, t.Trigger.BlobPath!.Split('/')[0])).Order().ToList();
        Assert.Equal(inCode, inTemplate);
    }

    [Fact]
    public async Task The_template_creates_the_system_topic_on_the_storage_account()
    {
        var (exitCode, json, diagnostics) = await Bicep.RunAsync("build", Path.Combine(Repository.Root, "infra", "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, diagnostics);
        var topic = Resources(JsonDocument.Parse(json).RootElement).Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.GetProperty("properties").GetProperty("topicType").GetString());
        Assert.Contains("AZURE_EVENTGRID_TOPIC", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_postdeploy_template_subscribes_every_blob_trigger_to_BlobCreated_of_its_container()
    {
        var (exitCode, json, diagnostics) = await Bicep.RunAsync("build", Path.Combine(Repository.Root, "infra", "hooks", "blob-subscriptions.bicep"), "--stdout");
        Assert.True(exitCode == 0, diagnostics);
        using var template = JsonDocument.Parse(json);
        var subscription = Resources(template.RootElement).Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var properties = subscription.GetProperty("properties");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], properties.GetProperty("filter").GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("containers/{0}/", properties.GetProperty("filter").GetProperty("subjectBeginsWith").GetString(), StringComparison.Ordinal);
        var endpoint = properties.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString()!;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}", endpoint, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", endpoint, StringComparison.Ordinal);

        // The loop runs over the trigger list, inlined at build: every blob trigger of the code gets its subscription.
        var triggers = template.RootElement.GetProperty("variables").EnumerateObject().Single(v => v.Value.ValueKind == JsonValueKind.Array).Value.EnumerateArray().Select(t => t.GetProperty("function").GetString()).ToList();
        Assert.Equal(BlobTriggers.Select(t => t.Function).Order(), triggers.Order());
        Assert.Contains("blobTriggers", subscription.GetProperty("copy").GetProperty("count").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Azd_runs_the_postdeploy_hook_that_creates_the_subscriptions()
    {
        var azure = File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml"));
        Assert.Contains("postdeploy:", azure, StringComparison.Ordinal);
        Assert.Contains("infra/hooks/postdeploy.sh", azure, StringComparison.Ordinal);
        Assert.Contains("blob-subscriptions.bicep", File.ReadAllText(Path.Combine(Repository.Root, "infra", "hooks", "postdeploy.sh")), StringComparison.Ordinal);
    }

    /// <summary>Every resource of a compiled template, those of its nested module deployments included.</summary>
    static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in all)
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
