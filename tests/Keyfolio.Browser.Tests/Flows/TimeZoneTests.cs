using System.Globalization;
using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// Times are shown in the person's zone, named: the browser's own (here Tokyo), or the one chosen in Settings (New
/// York), while the page keeps the exact UTC time in each datetime attribute; a rate limit's end too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeZoneTests(BrowserApp app)
{
    /// <summary>The hour and minute as en-US writes them with two digits ("09:05", "12:40").</summary>
    private static string HourAndMinute(DateTime local) =>
        string.Create(CultureInfo.InvariantCulture, $"{(local.Hour % 12 == 0 ? 12 : local.Hour % 12):00}:{local.Minute:00}");

    private static async Task<(DateTimeOffset Utc, string Text)> FirstActivityTimeAsync(IPage page)
    {
        var time = page.Locator("#audit-entries time[data-local='datetime']").First;
        var utc = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        return (utc, (await time.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Times_are_shown_in_the_browsers_zone_and_in_the_zone_chosen_in_settings()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "Gate rate-limited");
        await using var watched = await keyfolio.OpenUnlockedAsync(app, options: new BrowserNewContextOptions { TimezoneId = "Asia/Tokyo" });
        var page = watched.Page;

        // The rate-limited key's badge says until when, in Tokyo time.
        var badge = page.Locator("li[data-connection-id]").Filter(new LocatorFilterOptions { Has = page.Locator("a.connection-card__label:text-is(\"Gate rate-limited\")") }).Locator(".badge").First;
        var until = (await badge.InnerTextAsync()).Trim();
        Assert.StartsWith("Rate limited until", until, StringComparison.Ordinal);
        Assert.Contains("GMT+9", until, StringComparison.Ordinal);

        await watched.GotoAsync("/activity");
        var (utc, tokyo) = await FirstActivityTimeAsync(page);
        var inTokyo = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime;
        Assert.Contains("GMT+9", tokyo, StringComparison.Ordinal);
        Assert.Contains(HourAndMinute(inTokyo), tokyo, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", tokyo, StringComparison.Ordinal);

        await watched.GotoAsync("/settings");
        await page.Locator("#time-zone-choice").SelectOptionAsync("America/New_York");
        await page.Locator("#time-zone-submit").ClickAsync();
        await watched.WaitForPageAsync("**/settings?saved=time-zone");
        Assert.Equal("America/New_York", await page.Locator("html").GetAttributeAsync("data-time-zone"));

        await watched.GotoAsync("/activity");
        var (sameUtc, newYork) = await FirstActivityTimeAsync(page);
        var inNewYork = TimeZoneInfo.ConvertTime(sameUtc, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime;
        Assert.Contains(inNewYork.IsDaylightSavingTime() ? "EDT" : "EST", newYork, StringComparison.Ordinal);
        Assert.Contains(HourAndMinute(inNewYork), newYork, StringComparison.Ordinal);

        // Back to the browser's own zone: the choice is gone from the page.
        await watched.GotoAsync("/settings");
        await page.Locator("#time-zone-choice").SelectOptionAsync(string.Empty);
        await page.Locator("#time-zone-submit").ClickAsync();
        await watched.WaitForPageAsync("**/settings?saved=time-zone");
        Assert.Null(await page.Locator("html").GetAttributeAsync("data-time-zone"));
        watched.AssertNoProblems();
    }
}
