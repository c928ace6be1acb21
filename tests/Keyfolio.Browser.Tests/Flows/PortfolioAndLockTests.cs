using System.Globalization;
using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class PortfolioAndLockTests(BrowserApp app)
{
    private static readonly string[] Healthy = ["Binance main", "OKX main", "HTX main", "Bitfinex main", "HitBTC main", "Gate main"];

    [Fact]
    public async Task The_portfolio_total_is_the_seeded_balances_times_prices_and_the_csv_export_downloads_and_parses()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, Healthy);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var balances = app.SimulatorConfig.Accounts.Where(a => Healthy.Contains(a.Label)).SelectMany(a => a.Balances).ToList();
        var expected = balances.Sum(b => b.Net * app.SimulatorConfig.Prices[b.Asset]);

        await watched.GotoAsync("/portfolio");
        var shown = decimal.Parse(await page.Locator("#portfolio-total").GetAttributeAsync("data-usd") ?? "-1", CultureInfo.InvariantCulture);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv-export").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(line => line.Length > 0).ToList();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        var value = Array.IndexOf(header, "usd_value");

        Assert.Equal(expected, shown);
        Assert.Equal("keyfolio-holdings.csv", download.SuggestedFilename);
        // One row per connection, wallet kind and asset: Binance's cross and isolated margin (and its two Earn and two
        // futures accounts) are one kind each, so the same asset in both is one holding.
        var holdings = app.SimulatorConfig.Accounts.Where(a => Healthy.Contains(a.Label))
            .SelectMany(a => a.Balances.Select(b => (a.Label, Kind: BinanceKind(b.Wallet), b.Asset)))
            .Distinct()
            .Count();
        Assert.Equal(holdings, rows.Count);
        Assert.Equal(expected, rows.Sum(cells => decimal.Parse(cells[value], NumberStyles.Number, CultureInfo.InvariantCulture)));
        Assert.Equal(3, await page.Locator("canvas[data-keyfolio-chart]").CountAsync());
        Assert.True(await page.Locator(".chart--value canvas").EvaluateAsync<bool>("c => Chart.getChart(c) !== undefined"));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Locking_hides_private_data_and_leaves_only_the_cached_total_marked_as_such()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        Assert.Contains("Binance main", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#lock-button").ClickAsync();
        await watched.WaitForPageAsync("**/unlock?locked=1");
        var locked = await page.Locator("main").InnerTextAsync();
        await watched.GotoAsync("/portfolio");
        var portfolioUrl = page.Url;
        await watched.GoBackAsync();
        var afterBack = await page.Locator("main").InnerTextAsync();

        Assert.Contains("$54,493.75", locked, StringComparison.Ordinal);
        Assert.Contains("cached", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("Binance main", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("BTC", locked, StringComparison.Ordinal);
        Assert.Contains("/unlock?returnUrl=%2Fportfolio", portfolioUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("Binance main", afterBack, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#lock-button").CountAsync());
        watched.AssertNoProblems();
    }

    /// <summary>The wallet kind a simulator wallet is read as; Binance's accounts of one kind share it.</summary>
    private static string BinanceKind(string wallet) => wallet switch
    {
        "cross-margin" or "isolated-margin" => "margin",
        "earn-flexible" or "earn-locked" => "earn",
        "usds-futures" or "coin-futures" => "futures",
        _ => wallet,
    };
}
