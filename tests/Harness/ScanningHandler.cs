namespace Credit.Testing;

/// <summary>Hands every text response a test client receives to <see cref="FullIdScan"/>.</summary>
sealed class ScanningHandler() : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is { } type && (type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal)))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
            FullIdScan.Scan("response", $"{request.Method} {Redacted(path)} {(int)response.StatusCode}",
                await response.Content.ReadAsStringAsync(cancellationToken), FullIdScan.MayCarryFullIds(path));
        }

        return response;
    }

    // The request's own path may hold an ID number (a credit check by ID): the finding names the path without it.
    static string Redacted(string path) => Identifiers.PersonalDataMasking.MaskFreeText(path);
}
