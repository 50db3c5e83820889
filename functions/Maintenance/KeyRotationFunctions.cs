using System.Globalization;
using System.Text.Json;
using Credit.Functions.Api;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Orchestrations;
using Credit.Orchestrations.PersonalData;
using Credit.PersonalData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Credit.Functions.Maintenance;

/// <summary>
/// Rotation of the data key that seals personal data at rest (docs/personal-data.md): the supervising office starts
/// it and follows it; a durable orchestration does it, resumable after any interruption.
/// </summary>
public sealed class KeyRotationFunctions(DataKeys dataKeys, LookupKey lookupKey, Credit.CreditReports.ReportSigningKey signingKey, Resealing resealing, IOptions<PersonalDataOptions> options)
{
    [Function(nameof(RotateDataKey))]
    public static Task<KeyRotation> RotateDataKey([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RotateDataKey().RunAsync(context, context.GetInput<KeyRotation>()!);

    [Function(nameof(AddDataKey))]
    public Task<bool> AddDataKey([ActivityTrigger] int version, FunctionContext context) =>
        new AddDataKey(dataKeys, lookupKey, signingKey).RunAsync(new FunctionActivityContext(context), version);

    [Function(nameof(ActivateDataKey))]
    public Task<bool> ActivateDataKey([ActivityTrigger] int version, FunctionContext context) =>
        new ActivateDataKey(dataKeys).RunAsync(new FunctionActivityContext(context), version);

    [Function(nameof(ResealPage))]
    public Task<ResealedPage> ResealPage([ActivityTrigger] ResealRequest request, FunctionContext context) =>
        new ResealPage(resealing).RunAsync(new FunctionActivityContext(context), request);

    [Function(nameof(StartKeyRotation))]
    [ApiOperation("Rotates the data key of personal data at rest: the stored keys wrapped under the current wrapping key, a new data key, then every sealed value sealed again under it (202); while one runs, that one", Credential.Supervisor, SuccessStatus = 202, Response = typeof(KeyRotationStarted))]
    public async Task<IActionResult> StartKeyRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/personal-data/key-rotations")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        // A rotation adds its key in its first step: one just started names the version after the latest key, one under way the latest.
        var latest = await dataKeys.LatestVersionAsync(cancellationToken);
        var next = await durable.GetInstanceAsync(InstanceId(latest + 1), cancellationToken);
        foreach (var (version, instance) in new[] { (latest + 1, next), (latest, latest > 1 ? await durable.GetInstanceAsync(InstanceId(latest), cancellationToken) : null) })
        {
            if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
            {
                // A repeated request, or one sent while a rotation runs, follows the running one.
                return new AcceptedResult(Location(version), new KeyRotationStarted(version, instance.InstanceId, AlreadyRunning: true));
            }
        }

        // One that stopped (failed, terminated) leaves its key unused or half used: a new rotation re-seals past both.
        var rotateTo = next is null ? latest + 1 : latest + 2;
        var settings = options.Value;
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(RotateDataKey), new KeyRotation(rotateTo, settings.KeyRefreshSeconds, settings.ResealPageSize),
            new StartOrchestrationOptions(InstanceId(rotateTo)) { Version = OrchestrationVersions.Current }, cancellationToken);
        return new AcceptedResult(Location(rotateTo), new KeyRotationStarted(rotateTo, InstanceId(rotateTo), AlreadyRunning: false));
    }

    [Function(nameof(GetKeyRotation))]
    [ApiOperation("A data key rotation: its state, and how far re-sealing has gone (table, rows read, values re-sealed)", Credential.Supervisor, Response = typeof(KeyRotationStatus))]
    public async Task<IActionResult> GetKeyRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/personal-data/key-rotations/{version}")] HttpRequest request,
        string version,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 2)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_VERSION", $"a rotation is named by the data key version it adds (2 or more), got '{ApiResults.Echo(version)}'",
                $"轮换以其新增的数据密钥版本号（不小于2）标识，实际为“{ApiResults.Echo(version)}”");
        }

        var instance = await durable.GetInstanceAsync(InstanceId(number), getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "ROTATION_NOT_FOUND", $"no rotation to data key {number}", $"未找到数据密钥{number}的轮换");
        }

        var progress = Read(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.SerializedOutput : instance.SerializedCustomStatus);
        var state = instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => "completed",
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => "stopped",
            OrchestrationRuntimeStatus.Pending => "queued",
            _ => "running",
        };
        return new OkObjectResult(new KeyRotationStatus(number, state, progress?.KeyActive ?? false, progress?.Table, progress?.Scanned ?? 0, progress?.Resealed ?? 0));
    }

    static string InstanceId(int version) => $"data-key-rotation-{version.ToString("D6", CultureInfo.InvariantCulture)}";

    static string Location(int version) => $"/api/personal-data/key-rotations/{version}";

    static KeyRotation? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<KeyRotation>(json, JsonSerializerOptions.Web);
}

public sealed record KeyRotationStarted(int Version, string InstanceId, bool AlreadyRunning);

/// <summary>A rotation: queued, running, completed or stopped; whether its key seals yet; the table being re-sealed and the counts so far.</summary>
public sealed record KeyRotationStatus(int Version, string State, bool KeyActive, string? Table, long Scanned, long Resealed);
