using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// The Portfolio's value chart over a chosen range (24 h, 7 days, 30 days, a year, everything), the connections added
/// within it marked on the chart and listed under it, so a step there is not read as profit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ValueRangeTests(BrowserApp app)
{
    [Fact]
    public async Task The_range_is_chosen_and_the_connections_added_in_it_are_marked()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "Gate main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        await watched.GotoAsync("/portfolio");
        Assert.Equal("page", await page.Locator("#range-30d").GetAttributeAsync("aria-current"));
        Assert.Equal("Total value, last 30 days", (await page.Locator(".chart--value figcaption").InnerTextAsync()).Trim());

        await page.Locator("#range-7d").ClickAsync();
        await watched.WaitForPageAsync("**/portfolio?range=7d");
        Assert.Equal("page", await page.Locator("#range-7d").GetAttributeAsync("aria-current"));
        Assert.Equal("Total value, last 7 days", (await page.Locator(".chart--value figcaption").InnerTextAsync()).Trim());

        // Both connections were added within the week: listed under the chart and given to the chart as markers.
        var listed = await page.Locator("#chart-markers li").AllInnerTextsAsync();
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, item => item.EndsWith("Binance main added", StringComparison.Ordinal));
        Assert.Contains(listed, item => item.EndsWith("Gate main added", StringComparison.Ordinal));
        var markers = await page.Locator(".chart--value canvas").EvaluateAsync<int>("c => JSON.parse(c.dataset.keyfolioChart).markers.length");
        Assert.Equal(2, markers);
        Assert.Equal("line", await page.Locator(".chart--value canvas").EvaluateAsync<string>("c => Chart.getChart(c).config.type"));

        // An unknown range falls back to 30 days rather than failing.
        await watched.GotoAsync("/portfolio?range=decade");
        Assert.Equal("page", await page.Locator("#range-30d").GetAttributeAsync("aria-current"));
        watched.AssertNoProblems();
    }
}
