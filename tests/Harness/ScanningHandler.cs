namespace Credit.Testing;

/// <summary>Hands every text response a test client receives to <see cref="FullIdScan"/>, and every JSON one to <see cref="ResponseSchemaCheck"/>.</summary>
sealed class ScanningHandler() : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is { } type && (type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal)))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            FullIdScan.Scan("response", $"{request.Method} {Redacted(path)} {(int)response.StatusCode}", body, FullIdScan.MayCarryFullIds(path));
            if (type.Contains("json", StringComparison.Ordinal) && request.RequestUri.IsAbsoluteUri)
            {
                await ResponseSchemaCheck.CheckAsync(new Uri(request.RequestUri.GetLeftPart(UriPartial.Authority) + "/"), request.Method.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode, body);
            }
        }

        return response;
    }

    // The request's own path may hold an ID number (a credit check by ID): the finding names the path without it.
    static string Redacted(string path) => Identifiers.PersonalDataMasking.MaskFreeText(path);
}
