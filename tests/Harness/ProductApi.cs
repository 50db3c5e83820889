using System.Net.Http.Json;
using System.Text.Json;

namespace Credit.Testing;

/// <summary>The product's HTTP API as a department (or the supervisor) uses it.</summary>
public sealed class ProductApi(Uri baseAddress, string? apiKey) : IDisposable
{
    readonly HttpClient http = Create(baseAddress, apiKey);

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> UploadAsync(string department, string name, byte[] content) =>
        await http.PutAsync(new Uri($"api/uploads/{department}/{name}", UriKind.Relative), new ByteArrayContent(content));

    /// <summary>
    /// Polls the upload until its orchestration has finished, and returns the last status. With
    /// <paramref name="content"/>, waits for that very version (a re-upload under the same name).
    /// </summary>
    public async Task<JsonElement> WaitForUploadAsync(string department, string name, TimeSpan timeout, byte[]? content = null)
    {
        var sha256 = content is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var deadline = DateTime.UtcNow + timeout;
        JsonElement status = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri($"api/uploads/{department}/{name}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                status = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (status.GetProperty("state").GetString() is "completed" or "rejected" or "failed"
                    && (sha256 is null || status.GetProperty("contentSha256").GetString() == sha256))
                {
                    return status;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"upload {department}/{name} did not finish within {timeout}; last status: {status}");
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PutJsonAsync(string path, object body)
    {
        using var response = await http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Polls a joint case until it reaches <paramref name="state"/>, and returns it.</summary>
    public Task<JsonElement> WaitForCaseAsync(string caseId, string state, TimeSpan timeout) =>
        WaitForCaseAsync(caseId, c => c.GetProperty("state").GetString() == state, state, timeout);

    /// <summary>Polls a joint case until <paramref name="until"/> holds (<paramref name="what"/> says what for the timeout message).</summary>
    public async Task<JsonElement> WaitForCaseAsync(string caseId, Func<JsonElement, bool> until, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await GetJsonAsync($"api/cases/{caseId}");
            if (status == System.Net.HttpStatusCode.OK)
            {
                last = body;
                if (until(body))
                {
                    return body;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"case {caseId}: not {what} within {timeout}; last: {last}");
    }

    static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => http.Dispose();

    /// <summary>A client of the product's API on <paramref name="baseAddress"/>, with the caller's key when there is one.</summary>
    internal static HttpClient Create(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient(new ScanningHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
