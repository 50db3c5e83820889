using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Credit.Testing;

/// <summary>Counts what the storage clients return: table entities, and the records (lines) of blobs read.</summary>
public sealed class EntityCounter : HttpPipelinePolicy
{
    long entities;

    public long Entities => Interlocked.Read(ref entities);

    public void Reset() => Interlocked.Exchange(ref entities, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status is not (200 or 206) || message.Response.ContentStream is not { } stream)
        {
            return;
        }

        // Read what came back (a streamed download too), count it, and hand the client the same bytes.
        var body = new MemoryStream();
        await stream.CopyToAsync(body);
        body.Position = 0;
        message.Response.ContentStream = body;
        Count(message, body.ToArray());
    }

    void Count(HttpMessage message, byte[] bytes)
    {
        var contentType = message.Response.Headers.ContentType ?? "";
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            // A query answers {"value":[…]}, a point read one entity.
            using var json = JsonDocument.Parse(bytes);
            Interlocked.Add(ref entities, json.RootElement.TryGetProperty("value", out var value) ? value.GetArrayLength() : 1);
        }
        else if (!contentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            // A blob of JSON Lines: one record a line.
            Interlocked.Add(ref entities, bytes.Count(b => b == (byte)'\n'));
        }
    }
}
