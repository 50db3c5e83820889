using System.Net;
using Microsoft.AspNetCore.Http;

namespace Credit.Functions.Api;

/// <summary>
/// The address a request came from, for the public rate limit. <c>X-Forwarded-For</c> is read only when the
/// connection comes from a trusted proxy (<see cref="PublicApiOptions.TrustedProxies"/>, none by default): then the
/// client is the right-most entry that is not itself a trusted proxy, as ASP.NET Core's forwarded-headers middleware
/// reads it. Entries to its left are the caller's own text and could be anything; a caller that is not behind a
/// trusted proxy is its connection's address whatever it sends.
/// </summary>
public sealed class ClientAddress(IReadOnlyList<IPNetwork> trustedProxies)
{
    public static ClientAddress From(string? trustedProxies) => new(
        [.. (trustedProxies ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(Network)]);

    public string Of(HttpRequest request)
    {
        var hop = Normalize(request.HttpContext.Connection.RemoteIpAddress);
        if (hop is null)
        {
            return "unknown";
        }

        foreach (var entry in request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? string.Empty).Split(',')).Reverse())
        {
            if (!IsTrusted(hop))
            {
                break;
            }

            if (Parse(entry.Trim()) is not { } forwarded)
            {
                // A trusted proxy does not write garbage: what it forwarded ends here, at the last hop it vouched for.
                break;
            }

            hop = forwarded;
        }

        return hop.ToString();
    }

    bool IsTrusted(IPAddress address) => trustedProxies.Any(n => n.Contains(address));

    static IPNetwork Network(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
        : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : throw new FormatException($"PublicApi:TrustedProxies: '{text}' is neither an address nor a network (CIDR)");

    /// <summary>An address as proxies write it: "203.0.113.7", "203.0.113.7:51234", "[2001:db8::1]:443" or "2001:db8::1".</summary>
    static IPAddress? Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            return Normalize(address);
        }

        return IPEndPoint.TryParse(entry, out var endPoint) ? Normalize(endPoint.Address) : null;
    }

    static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
