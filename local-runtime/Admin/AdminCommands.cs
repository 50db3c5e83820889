using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Storage;

namespace Credit.LocalRuntime.Admin;

/// <summary>
/// Administration from the command line, against the configured storage account:
///   department add --code {统一社会信用代码} --name {name}   registers a department and prints its API key
///   department revoke-keys --code {统一社会信用代码}         revokes every key of a department (rotate: revoke, then add)
///   supervisor key                                          issues an API key of the supervising office
///   subject key --code {统一社会信用代码 or ID number}         issues a subject its own key (in Azure an identity provider does this)
/// </summary>
public static class AdminCommands
{
    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] is "department" or "supervisor" or "subject";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        var storage = StorageConnection.FromConfiguration(configuration, CreditServices.StorageConnectionSetting);
        await storage.EnsureCreatedAsync();
        var apiKeys = new ApiKeys(storage, TimeProvider.System);
        switch (args)
        {
            case ["department", "add", ..]:
                var code = Option(args, "--code");
                var name = Option(args, "--name");
                if (code is null || name is null)
                {
                    return Usage();
                }

                try
                {
                    var key = await new DepartmentRegistry(storage, apiKeys, TimeProvider.System).RegisterAsync(code, name);
                    Console.WriteLine($"Registered department {code} ({name}).");
                    Console.WriteLine($"API key (shown once, keep it safe): {key}");
                    return 0;
                }
                catch (ArgumentException e)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    return 2;
                }

            case ["department", "revoke-keys", ..]:
                if (Option(args, "--code") is not { } revokeCode)
                {
                    return Usage();
                }

                Console.WriteLine($"Revoked {await apiKeys.RevokeAsync(new Caller(CallerRole.Department, revokeCode))} API key(s) of department {revokeCode}.");
                return 0;

            case ["supervisor", "key"]:
                Console.WriteLine($"Supervisor API key (shown once, keep it safe): {await apiKeys.IssueAsync(new Caller(CallerRole.Supervisor, null))}");
                return 0;

            case ["subject", "key", ..]:
                if (CreditServices.SubjectKeysFrom(configuration).For(Option(args, "--code")) is not { } subjectKey)
                {
                    await Console.Error.WriteLineAsync("--code must be a valid 统一社会信用代码 or resident ID number / 请提供有效的统一社会信用代码或身份证号");
                    return 2;
                }

                Console.WriteLine($"Subject API key (shown once, hand it to the subject): {await apiKeys.IssueAsync(Caller.ForSubject(subjectKey))}");
                return 0;
            default:
                return Usage();
        }
    }

    static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: department add --code <统一社会信用代码> --name <name> | department revoke-keys --code <统一社会信用代码> | supervisor key | subject key --code <统一社会信用代码或身份证号>");
        return 2;
    }
}
