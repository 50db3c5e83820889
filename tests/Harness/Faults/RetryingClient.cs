using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Credit.Testing.Faults;

/// <summary>
/// An integration as departments write them: a request whose connection is refused or reset, that times out or is
/// answered 5xx is sent again, the same bytes, until it is answered or <see cref="Patience"/> runs out. Whether the
/// first attempt was taken is for the product to know; the client ends where one that was never interrupted would.
/// </summary>
public sealed class RetryingClient(Uri baseAddress, string? apiKey) : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    readonly HttpClient http = ProductApi.Create(baseAddress, apiKey);
    int retries;

    /// <summary>How many requests were sent again, over all calls.</summary>
    public int Retries => retries;

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, () => System.Net.Http.Json.JsonContent.Create(body), idempotencyKey);

    public Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, byte[] content) =>
        SendAsync(HttpMethod.Put, path, () => new ByteArrayContent(content));

    /// <summary>GETs <paramref name="path"/> until <paramref name="until"/> holds for its 200 answer, and returns that answer.</summary>
    public async Task<JsonElement> WaitAsync(string path, Func<JsonElement, bool> until, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < timeout)
        {
            var (status, body) = await GetAsync(path);
            if (status == HttpStatusCode.OK)
            {
                last = body;
                if (until(body))
                {
                    return body;
                }
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"{path}: not {what} within {timeout}; last: {last}");
    }

    async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, string? idempotencyKey = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content?.Invoke() };
                if (idempotencyKey is not null)
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
                }

                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500)
                {
                    return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // Refused, reset or timed out: the process is down or was killed while answering.
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{method} {path}: no answer within {Patience}");
            }

            Interlocked.Increment(ref retries);
            await Task.Delay(250);
        }
    }

    public void Dispose() => http.Dispose();
}
