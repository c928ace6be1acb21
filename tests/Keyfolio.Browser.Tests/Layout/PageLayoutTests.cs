using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Core.Connections;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Layout;

/// <summary>
/// Every page at a desktop and a phone width, in each of the five languages, with every sample account connected: nothing
/// is wider than the screen, and nothing the page loads fails. The screenshots are kept beside the test binaries
/// (screenshots/) for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLayoutTests(BrowserApp app)
{
    private static readonly int[] Widths = [1280, 390];

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("ja-JP")]
    [InlineData("ko-KR")]
    public async Task Every_page_fits_desktop_and_phone_widths_without_errors(string locale)
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, [.. app.SimulatorConfig.Accounts.Select(a => a.Label!)]);
        var views = await keyfolio.Service<ConnectionService>().ListAsync(false, CancellationToken.None);
        string Id(string label) => views.Single(v => v.Connection.Label == label).Connection.Id;
        var pages = new (string Name, string Path)[]
        {
            ("exchanges", "/exchanges?view=cards"),
            ("exchanges-list", "/exchanges?view=list&sort=value&dir=desc&group=exchange"),
            ("add", "/connections/new"),
            ("connect-okx", "/connections/new/okx"),
            ("connect-htx", "/connections/new/htx"),
            ("connect-bittrex", "/connections/new/bittrex"),
            ("detail-withdraw", "/connections/" + Id("Binance withdraw-enabled")),
            ("detail-refused", "/connections/" + Id("wrong-passphrase")),
            ("replace", $"/connections/{Id("OKX main")}/replace"),
            ("correct", $"/connections/{Id("wrong-passphrase")}/correct/passphrase"),
            ("portfolio", "/portfolio"),
            ("health", "/health"),
            ("activity", "/activity"),
            ("settings", "/settings"),
            ("audit-log", "/audit-log"),
            ("notifications", "/notifications"),
            ("password", "/settings/password"),
            ("transfer", "/settings/transfer"),
        };
        await using var watched = await keyfolio.OpenUnlockedAsync(app, locale);
        var page = watched.Page;
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var (name, path) in pages)
            {
                await watched.GotoAsync(path);
                await ScreenshotAsync(page, Path.Combine(folder, $"{locale}-{width}-{name}.png"));
                await AssertFitsAsync(page, width, path);
            }
        }

        await page.Locator("#lock-button").ClickAsync();
        await watched.WaitForPageAsync("**/unlock?locked=1");
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await watched.GotoAsync("/unlock");
            await ScreenshotAsync(page, Path.Combine(folder, $"{locale}-{width}-unlock.png"));
            await AssertFitsAsync(page, width, "/unlock");
        }

        watched.AssertNoProblems();
    }

    /// <summary>Saves the page for a person to look at: the whole page, or its first 12,000 pixels when it is taller,
    /// since Chromium cannot capture a full page beyond its texture size. The screenshot is not the assertion.</summary>
    private static async Task ScreenshotAsync(IPage page, string path)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var width = page.ViewportSize?.Width ?? 1280;
        await page.ScreenshotAsync(height <= MaxScreenshotHeight
            ? new PageScreenshotOptions { Path = path, FullPage = true }
            : new PageScreenshotOptions { Path = path, FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = width, Height = MaxScreenshotHeight } });
    }

    private const int MaxScreenshotHeight = 12_000;

    private static async Task AssertFitsAsync(IPage page, int width, string path)
    {
        var documentWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(documentWidth <= width, $"{path} is {documentWidth} px wide on a {width} px screen.");
    }
}
