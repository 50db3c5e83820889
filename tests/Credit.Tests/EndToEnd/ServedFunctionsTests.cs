using System.Text.Json;
using Credit.LocalRuntime;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>The local runtime serves every function the Functions SDK finds in the functions app, and nothing else.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ServedFunctionsTests(Azurite azurite)
{
    [Fact]
    public async Task Every_function_of_the_functions_metadata_is_served()
    {
        // functions.metadata is what the Functions SDK generates for the host: an independent list of the app's functions.
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var declared = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToList();
        Assert.NotEmpty(declared);

        await using var runtime = await RuntimeHost.BuildAsync([$"--AzureWebJobsStorage={azurite.ConnectionString}", "--AzureFunctionsJobHost:extensions:durableTask:hubName=ServedHub", "--Runtime:Port=0"]);
        Assert.Equal(declared, runtime.Served.Order());
    }
}
