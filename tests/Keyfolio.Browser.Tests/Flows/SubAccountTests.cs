using System.Globalization;
using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// In a real browser against the simulated Binance master account: the connection page lists its sub-accounts, the
/// person includes one, and its row appears under the connection and the totals grow by its value.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SubAccountTests(BrowserApp app)
{
    private const string Master = "Binance main";
    private const string Desk = "trading-desk@keyfolio-demo.example";

    [Fact]
    public async Task The_connection_page_lists_the_sub_accounts_and_including_one_adds_its_row_and_its_value_to_the_totals()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, Master);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var desk = app.SimulatorConfig.Accounts.Single(a => a.Label == Master).SubAccounts.Single(s => s.Name == Desk);
        var deskValue = desk.Balances.Sum(b => b.Net * app.SimulatorConfig.Prices[b.Asset]);
        var id = await page.Locator("li[data-connection-id]").Filter(new LocatorFilterOptions { Has = page.Locator($"a.connection-card__label:text-is(\"{Master}\")") }).GetAttributeAsync("data-connection-id");

        await watched.GotoAsync("/connections/" + id);
        var before = Usd(await page.Locator("#connection-total").GetAttributeAsync("data-usd"));
        Assert.Contains("sub-accounts", await page.Locator("#sub-accounts-requirement").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#sub-accounts-look").ClickAsync();
        var rows = page.Locator("#sub-account-list tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(["savings@keyfolio-demo.example", Desk], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subAccount)"));
        Assert.All(await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.included)"), included => Assert.Equal("false", included));
        Assert.Contains("Trading desk", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);

        await rows.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Include" }).ClickAsync();
        await page.Locator("#sub-account-changed").WaitForAsync();

        var deskRow = page.Locator($"#sub-account-list tr[data-sub-account='{Desk}']");
        Assert.Equal("true", await deskRow.GetAttributeAsync("data-included"));
        Assert.Equal(deskValue, Usd(await deskRow.Locator("td[data-usd]").GetAttributeAsync("data-usd")));
        Assert.Equal(before + deskValue, Usd(await page.Locator("#connection-total").GetAttributeAsync("data-usd")));
        // Spot ETH and USDT, USDⓈ-M futures USDT, cross margin ETH; its four wallets (COIN-M futures empty) all read.
        Assert.Equal(4, await page.Locator($"#holdings tr[data-sub-account='{Desk}']").CountAsync());
        var outcomes = page.Locator($"#wallet-outcomes tr[data-sub-account='{Desk}']");
        Assert.Equal(4, await outcomes.CountAsync());
        Assert.All(await outcomes.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.outcome)"), o => Assert.Equal("read", o));

        await watched.GotoAsync("/portfolio");
        Assert.Equal(before + deskValue, Usd(await page.Locator("#portfolio-total").GetAttributeAsync("data-usd")));
        var subRow = page.Locator($"#by-connection tr[data-sub-account='{Desk}']");
        Assert.Equal(deskValue, Usd(await subRow.Locator("td[data-usd]").GetAttributeAsync("data-usd")));
        Assert.Contains("Sub-account " + Desk, await subRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Usd(await page.Locator("#by-connection tr[data-main-account='true'] td[data-usd]").GetAttributeAsync("data-usd")));

        await watched.GotoAsync("/exchanges");
        Assert.Equal(deskValue, Usd(await page.Locator($".connection-card__sub-accounts li[data-sub-account='{Desk}'] .money").GetAttributeAsync("data-usd")));
        watched.AssertNoProblems();
    }

    private static decimal Usd(string? value) => decimal.Parse(value ?? "-1", CultureInfo.InvariantCulture);
}
