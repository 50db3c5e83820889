using Credit.Functions.Hosting;
using Credit.LocalRuntime.Catalog;
using Microsoft.Extensions.Configuration;

namespace Credit.Tests.Infrastructure;

/// <summary>The host's setting AzureWebJobs.{name}.Disabled, as the local runtime reads it.</summary>
public sealed class DisabledFunctionTests
{
    static readonly FunctionCatalog All = FunctionCatalog.Discover(typeof(CreditServices).Assembly);

    [Fact]
    public void A_disabled_timer_blob_or_http_function_is_not_served_and_the_others_are()
    {
        var catalog = All.WithoutDisabled(Settings(
            ("AzureWebJobs.DisclosureRun.Disabled", "true"),
            ("AzureWebJobs.UploadReceived.Disabled", "True"),
            ("AzureWebJobs.StatisticsRun.Disabled", "false")));

        var names = catalog.Functions.Select(f => f.Name).ToList();
        Assert.DoesNotContain("DisclosureRun", names);
        Assert.DoesNotContain("UploadReceived", names);
        Assert.Contains("StatisticsRun", names);
        Assert.Equal(All.Functions.Count - 2, names.Count);
    }

    [Fact]
    public void Without_the_setting_every_function_is_served() =>
        Assert.Equal(All.Functions.Count, All.WithoutDisabled(Settings()).Functions.Count);

    [Fact]
    public void An_activity_cannot_be_disabled_and_the_start_names_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => All.WithoutDisabled(Settings(("AzureWebJobs.IngestChunk.Disabled", "true"))));
        Assert.Contains("AzureWebJobs.IngestChunk.Disabled", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void A_value_that_is_not_true_or_false_stops_the_start_naming_the_setting(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => All.WithoutDisabled(Settings(("AzureWebJobs.DisclosureRun.Disabled", value))));
        Assert.Contains("AzureWebJobs.DisclosureRun.Disabled", refused.Message, StringComparison.Ordinal);
    }

    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
