using Credit.LocalRuntime;
using Credit.LocalRuntime.Admin;

if (AdminCommands.IsAdminCommand(args))
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    return await AdminCommands.RunAsync(args, configuration);
}

await using var runtime = await RuntimeHost.BuildAsync(args);
await runtime.App.StartAsync();
Console.WriteLine($"Credit system running at {string.Join(", ", runtime.App.Urls)} — {runtime.Served.Count} functions served. Ctrl-C stops it.");
await runtime.App.WaitForShutdownAsync();
return 0;
