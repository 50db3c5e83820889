using System.Globalization;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>The answers every list kept in versions gives (the measures list, the catalogue of acts): one item or one of its versions, added, changed, retired.</summary>
static class VersionedListAnswers
{
    /// <summary>The current item, or the version <c>?version=N</c> names; 400 for a code or version that cannot be one, 404 for none.</summary>
    public static async Task<IActionResult> GetAsync<T>(VersionedTable<T> list, HttpRequest request, string code, Func<string, ObjectResult> notFound, CancellationToken cancellationToken)
        where T : class, IVersioned<T>
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var versionText = request.Query["version"].ToString();
        if (versionText.Length == 0)
        {
            return await list.FindAsync(code, cancellationToken) is { } current ? new OkObjectResult(current) : notFound(code);
        }

        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "VERSION", $"version must be a positive whole number, got '{ApiResults.Echo(versionText)}'", $"版本号应为正整数，实际为“{ApiResults.Echo(versionText)}”");
        }

        return await list.FindVersionAsync(code, version, cancellationToken) is { } found ? new OkObjectResult(found) : notFound($"{code} version {version}");
    }

    /// <summary>201 with the new item at <paramref name="route"/>/{code}, or 409 when the code is taken.</summary>
    public static async Task<IActionResult> AddAsync<T>(VersionedTable<T> list, T item, string route, string existsCode, CancellationToken cancellationToken)
        where T : class, IVersioned<T> =>
        await list.AddAsync(item, cancellationToken) is { } added
            ? new CreatedResult($"{route}/{added.Code}", added)
            : ApiResults.Error(StatusCodes.Status409Conflict, existsCode, $"{item.Code} exists: change it with PUT {route}/{item.Code}", $"{item.Code}已存在，请用PUT修改");

    /// <summary>The next version: <paramref name="item"/> keeping the stored one's retirement, or the stored one retired (null item).</summary>
    public static async Task<IActionResult> ReviseAsync<T>(VersionedTable<T> list, string code, T? item, Func<string, ObjectResult> notFound, CancellationToken cancellationToken)
        where T : class, IVersioned<T> =>
        InvalidCode(code) ?? (await list.ReviseAsync(code, existing => (item ?? existing).AsVersion(existing.Version, item is null || existing.Retired), cancellationToken) is { } revised
            ? new OkObjectResult(revised)
            : notFound(code));

    /// <summary>A route's code that no item can have: 400 before any table is asked (a '#', '/', '?' or control character is no key).</summary>
    static ObjectResult? InvalidCode(string code) => ItemCode.IsValid(code) ? null
        : ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_CODE", $"'{ApiResults.Echo(code)}' is no code: 2 to 16 capital letters, digits or hyphens", $"“{ApiResults.Echo(code)}”不是有效的编号：应为2至16位大写字母、数字或连字符");
}
