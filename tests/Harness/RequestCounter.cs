using Azure.Core;
using Azure.Core.Pipeline;

namespace Credit.Testing;

/// <summary>Counts the requests the storage clients send.</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    long requests;

    public long Requests => Interlocked.Read(ref requests);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref requests);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref requests);
        return ProcessNextAsync(message, pipeline);
    }
}
