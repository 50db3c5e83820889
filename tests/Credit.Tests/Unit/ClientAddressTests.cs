using System.Net;
using Credit.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace Credit.Tests.Unit;

/// <summary>Which address the public rate limit counts: X-Forwarded-For only through a trusted proxy.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    // No proxy trusted (the default): the connection's address, whatever the header says.
    [InlineData("", "203.0.113.9", "198.51.100.1", "203.0.113.9")]
    [InlineData("", "127.0.0.1", "198.51.100.1, 198.51.100.2", "127.0.0.1")]
    // Behind a trusted proxy: the right-most entry it did not write itself; entries to the left are the client's text.
    [InlineData("127.0.0.1", "127.0.0.1", "10.9.9.9, 203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.1,10.0.0.0/8", "127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.2.3", "203.0.113.7")]
    // The forms proxies write: with a port, IPv6 in brackets with a port, bare IPv6.
    [InlineData("127.0.0.1", "127.0.0.1", "203.0.113.7:51234", "203.0.113.7")]
    [InlineData("::1", "::1", "[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("::1", "::1", "2001:db8::1", "2001:db8::1")]
    // A trusted proxy that forwarded nothing, or something that is no address: the last hop it vouched for.
    [InlineData("127.0.0.1", "127.0.0.1", "", "127.0.0.1")]
    [InlineData("127.0.0.1,10.0.0.0/8", "127.0.0.1", "203.0.113.7, <script>, 10.1.2.3", "10.1.2.3")]
    // A connection that is not from the trusted proxy is taken at its word, not at its header's.
    [InlineData("10.0.0.0/8", "203.0.113.9", "198.51.100.1", "203.0.113.9")]
    public void The_client_is_the_first_address_no_trusted_proxy_wrote(string trusted, string remote, string forwardedFor, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor.Length > 0)
        {
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        Assert.Equal(expected, ClientAddress.From(trusted).Of(http.Request));
    }

    [Fact]
    public void An_IPv4_connection_seen_as_IPv6_matches_an_IPv4_trust()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        Assert.Equal("203.0.113.7", ClientAddress.From("127.0.0.1").Of(http.Request));
    }

    [Fact]
    public void A_setting_that_is_no_address_is_refused_with_its_name()
    {
        var error = Assert.Throws<FormatException>(() => ClientAddress.From("127.0.0.1, proxy.example"));
        Assert.Contains("PublicApi:TrustedProxies", error.Message, StringComparison.Ordinal);
        Assert.Contains("proxy.example", error.Message, StringComparison.Ordinal);
    }
}
