using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Settings of the public query API (section "PublicApi").</summary>
public sealed class PublicApiOptions
{
    public const string Section = "PublicApi";

    /// <summary>Requests a client address may make per minute on average.</summary>
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>Requests it may make at once before the average applies.</summary>
    public int Burst { get; set; } = 20;
}

/// <summary>
/// The public endpoints need no credential, so each client address gets a token bucket (default 60 requests a
/// minute, bursts of 20); beyond it: 429 with Retry-After.
/// </summary>
public sealed class PublicRateLimit(Microsoft.Extensions.Options.IOptions<PublicApiOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.Burst,
            TokensPerPeriod = Math.Max(1, options.Value.PermitsPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public IActionResult? Deny(HttpRequest request)
    {
        // Behind the Functions front end the client is the address it appended last to X-Forwarded-For
        // (earlier entries come from the caller and could be forged to dodge the limit).
        var client = request.Headers["X-Forwarded-For"].ToString().Split(',')[^1].Trim() is { Length: > 0 } forwarded
            ? forwarded
            : request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(20);
        request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
            $"too many requests from {client}; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s", $"请求过于频繁，请{Math.Ceiling(retryAfter.TotalSeconds)}秒后重试");
    }

    public void Dispose() => limiter.Dispose();
}
