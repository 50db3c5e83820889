using Credit.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Credit.Tests.Support;

/// <summary>What the browser tests share: Debian's chromium (scripts/test.sh installs it where missing), the axe scan, the screenshots.</summary>
public static class Browser
{
    public static readonly string Screenshots = Path.Combine(Repository.Root, "TestResults", "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed: scripts/test.sh installs Debian's chromium package");
        var playwright = await Playwright.CreateAsync();
        Directory.CreateDirectory(Screenshots);
        return (playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true }));
    }

    /// <summary>No serious or critical axe violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string view)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{view}: " + string.Join("; ", blocking.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
}
