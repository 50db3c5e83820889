using Credit.LocalRuntime;
using Credit.LocalRuntime.Admin;
using Credit.LocalRuntime.Configuration;

if (AdminCommands.IsAdminCommand(args))
{
    var configuration = new ConfigurationManager();
    configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
    configuration.AddFunctionsFiles(AppContext.BaseDirectory);
    return await AdminCommands.RunAsync(args, configuration);
}

RuntimeHost runtime;
try
{
    runtime = await RuntimeHost.BuildAsync(args);
}
catch (InvalidOperationException e)
{
    // A setting the app cannot start with, or a port in use: one line that says which, nothing half started.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

await using (runtime)
{
    await runtime.App.StartAsync();
    Console.WriteLine($"Credit system running at {string.Join(", ", runtime.App.Urls)} — {runtime.Served.Count} functions served. Ctrl-C stops it.");
    await runtime.App.WaitForShutdownAsync();
}

return 0;
