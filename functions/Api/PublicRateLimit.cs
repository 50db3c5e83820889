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

    /// <summary>
    /// Addresses or networks (CIDR), comma-separated, of the proxies whose <c>X-Forwarded-For</c> is believed (see
    /// <see cref="ClientAddress"/>); empty by default, so a client's own header is never read.
    /// </summary>
    public string TrustedProxies { get; set; } = string.Empty;
}

/// <summary>
/// The public endpoints need no credential, so each client address gets a token bucket (default 60 requests a
/// minute, bursts of 20); beyond it: 429 with Retry-After. The answer never repeats what the client sent.
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

    readonly ClientAddress clients = ClientAddress.From(options.Value.TrustedProxies);

    public IActionResult? Deny(HttpRequest request)
    {
        using var lease = limiter.AttemptAcquire(clients.Of(request));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(20);
        request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
            $"too many requests from this address; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s", $"请求过于频繁，请{Math.Ceiling(retryAfter.TotalSeconds)}秒后重试");
    }

    public void Dispose() => limiter.Dispose();
}
