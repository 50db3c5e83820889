using System.CommandLine;
using System.Text.Json;
using Azure;
using Credit.Calendar;
using Credit.Departments;
using Credit.PersonalData;
using Credit.Functions.Hosting;
using Credit.Lists;
using Credit.Measures;
using Credit.Storage;

namespace Credit.LocalRuntime.Admin;

/// <summary>
/// Administration from the command line against the configured storage account (Azurite locally; in Azure with
/// your own Entra ID sign-in, docs/deploy.md). `--help` on any command lists its options.
/// </summary>
public static class AdminCommands
{
    static readonly string[] Commands = ["department", "supervisor", "subject", "calendar", "lists", "--help", "-h", "-?"];

    public static bool IsAdminCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        var root = new RootCommand("Credit system administration (北京市信用联合奖惩信息系统): departments, API keys, holiday arrangements.")
        {
            DepartmentCommands(configuration),
            SupervisorCommands(configuration),
            SubjectCommands(configuration),
            CalendarCommands(configuration),
            ListCommands(configuration),
        };
        return await root.Parse(args).InvokeAsync();
    }

    static Command DepartmentCommands(IConfiguration configuration)
    {
        var list = new Command("list", "Lists the registered departments.");
        list.SetAction((_, cancellationToken) => WithStorage(configuration, async storage =>
        {
            var departments = await Registry(storage).ListAsync(cancellationToken);
            foreach (var department in departments.OrderBy(d => d.Code, StringComparer.Ordinal))
            {
                Console.WriteLine($"{department.Code}  {department.Name}  (registered {department.RegisteredAt:yyyy-MM-dd})");
            }

            Console.WriteLine($"{departments.Count} department(s).");
            return 0;
        }, cancellationToken));

        var code = CodeOption("The department's 统一社会信用代码.");
        var name = new Option<string>("--name") { Description = "Its name, as the measures list names implementers (e.g. 北京市财政局).", Required = true };
        var rename = new Option<bool>("--rename") { Description = "Change the name of a department already registered (its keys stay)." };
        var add = new Command("add", "Registers a department and prints its API key (shown once).") { code, name, rename };
        add.SetAction((result, cancellationToken) => WithStorage(configuration, async storage =>
        {
            var (codeValue, nameValue) = (result.GetValue(code)!, result.GetValue(name)!);
            var registry = Registry(storage);
            if (await registry.FindAsync(codeValue, cancellationToken) is { } existing)
            {
                if (!result.GetValue(rename))
                {
                    return Fail($"Department {codeValue} is already registered as {existing.Name}: add --rename to change its name, or `department revoke-keys` then `department add --rename` for a new key.");
                }

                await registry.RenameAsync(codeValue, nameValue, cancellationToken);
                Console.WriteLine($"Renamed department {codeValue}: {existing.Name} → {nameValue}. Its API keys are unchanged.");
                return 0;
            }

            try
            {
                var key = await registry.RegisterAsync(codeValue, nameValue, cancellationToken);
                Console.WriteLine($"Registered department {codeValue} ({nameValue}).");
                Console.WriteLine($"API key (shown once, keep it safe): {key}");
                return 0;
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message);
            }
        }, cancellationToken));

        var revokeCode = CodeOption("The department's 统一社会信用代码.");
        var revoke = new Command("revoke-keys", "Revokes every API key of a department (rotate: revoke, then add --rename for a new one).") { revokeCode };
        revoke.SetAction((result, cancellationToken) => WithStorage(configuration, async storage =>
        {
            var codeValue = result.GetValue(revokeCode)!;
            if (await Registry(storage).FindAsync(codeValue, cancellationToken) is null)
            {
                return Fail($"No department {codeValue} is registered: nothing revoked (`department list` shows the registered codes).");
            }

            var revoked = await new ApiKeys(storage, TimeProvider.System).RevokeAsync(new Caller(CallerRole.Department, codeValue), cancellationToken);
            Console.WriteLine($"Revoked {revoked} API key(s) of department {codeValue}.");
            return 0;
        }, cancellationToken));

        return new Command("department", "Departments that upload and implement measures.") { list, add, revoke };
    }

    static Command SupervisorCommands(IConfiguration configuration)
    {
        var key = new Command("key", "Issues an API key of the supervising office (联席会议办公室), shown once.");
        key.SetAction((_, cancellationToken) => WithStorage(configuration, async storage =>
        {
            Console.WriteLine($"Supervisor API key (shown once, keep it safe): {await new ApiKeys(storage, TimeProvider.System).IssueAsync(new Caller(CallerRole.Supervisor, null), cancellationToken)}");
            return 0;
        }, cancellationToken));
        return new Command("supervisor", "The supervising office.") { key };
    }

    static Command SubjectCommands(IConfiguration configuration)
    {
        var code = CodeOption("The subject's 统一社会信用代码 or resident ID number.");
        var key = new Command("key", "Issues a subject its own API key (in Azure an identity provider does this).") { code };
        key.SetAction((result, cancellationToken) => WithStorage(configuration, async storage =>
        {
            if (CreditServices.SubjectKeysFrom(new LookupKey(storage, CreditServices.KeyWrappingFrom(configuration))).For(result.GetValue(code)) is not { } subjectKey)
            {
                return Fail("--code must be a valid 统一社会信用代码 or resident ID number / 请提供有效的统一社会信用代码或身份证号");
            }

            Console.WriteLine($"Subject API key (shown once, hand it to the subject): {await new ApiKeys(storage, TimeProvider.System).IssueAsync(Caller.ForSubject(subjectKey), cancellationToken)}");
            return 0;
        }, cancellationToken));
        return new Command("subject", "Subjects (companies and persons) with a key of their own.") { key };
    }

    static Command CalendarCommands(IConfiguration configuration)
    {
        var year = new Option<int>("--year") { Description = "The year of the arrangement.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The arrangement as JSON: notices, offDays, makeupWorkdays (the format of credit/Data/holidays.json's years).", Required = true };
        var addYear = new Command("add-year", "Adds or replaces a year's State Council holiday arrangement (as PUT /api/calendar/years/{year}).") { year, file };
        addYear.SetAction((result, cancellationToken) => WithStorage(configuration, async storage =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                return Fail($"{path.FullName} does not exist.");
            }

            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path.FullName, cancellationToken));
            var (saved, errors) = await new HolidayStore(storage, WorkingDayCalendar.LoadEmbedded()).SaveAsync(result.GetValue(year), json.RootElement, cancellationToken);
            if (saved is null)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                return 2;
            }

            Console.WriteLine($"Holiday arrangement {saved.Year} stored: {saved.OffDays.Count} off days, {saved.MakeupWorkdays.Count} makeup working days. Every instance uses it within {HolidayRefresh.Interval.TotalMinutes:0} minutes.");
            return 0;
        }, cancellationToken));
        return new Command("calendar", "The working-day calendar.") { addYear };
    }

    static Command ListCommands(IConfiguration configuration)
    {
        var history = new Command("index-history", "Puts the list entries that ended before the subject index kept a history into it (once after upgrading; a repeat changes nothing).");
        history.SetAction((_, cancellationToken) => WithStorage(configuration, async storage =>
        {
            var lists = new ListStore(storage, new DataKeys(storage, CreditServices.KeyWrappingFrom(configuration)));
            Console.WriteLine($"{await lists.IndexHistoryAsync(cancellationToken)} ended entries in their subjects' history.");
            return 0;
        }, cancellationToken));
        return new Command("lists", "Red, black and watch-list entries.") { history };
    }

    static Option<string> CodeOption(string description) => new("--code") { Description = description, Required = true };

    static DepartmentRegistry Registry(StorageClients storage) => new(storage, new ApiKeys(storage, TimeProvider.System), TimeProvider.System);

    /// <summary>Runs a command on initialised storage; storage that cannot be reached is one line saying so, not a stack trace.</summary>
    static async Task<int> WithStorage(IConfiguration configuration, Func<StorageClients, Task<int>> command, CancellationToken cancellationToken)
    {
        var storage = StorageConnection.FromConfiguration(configuration, CreditServices.StorageConnectionSetting);
        try
        {
            await new StorageInitialization(storage, new MeasureCatalog(storage), new Credit.Catalogue.ConductCatalogue(storage), new Credit.Exchange.ExchangeSources(storage), TimeProvider.System).EnsureAsync(cancellationToken);
            return await command(storage);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or Azure.Identity.AuthenticationFailedException)
        {
            return Fail($"Storage cannot be reached at {storage.Tables.Uri}: {FirstLine(e)}. Locally, start Azurite (scripts/start.sh); otherwise check {CreditServices.StorageConnectionSetting}.");
        }
    }

    static string FirstLine(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : e;
        return inner.Message.Split('\n')[0].Trim();
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
