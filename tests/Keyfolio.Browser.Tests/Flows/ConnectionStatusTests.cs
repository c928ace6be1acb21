using System.Globalization;
using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Simulator;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class ConnectionStatusTests(BrowserApp app)
{
    private const string Partial = "HitBTC without payment information";

    [Fact]
    public async Task Each_problem_key_shows_its_status_and_the_popover_says_how_to_fix_it()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, [.. app.SimulatorConfig.Accounts.Select(a => a.Label!)]);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        async Task<string> StatusOfAsync(string label) =>
            (await Card(page, label).Locator(".badge").First.InnerTextAsync()).Replace("?", string.Empty, StringComparison.Ordinal).Trim();

        Assert.Equal("Connected", await StatusOfAsync("Binance main"));
        Assert.Equal("Withdrawal enabled", await StatusOfAsync("Binance withdraw-enabled"));
        Assert.Equal("Expires in 2 days", await StatusOfAsync("Binance trading right lapses"));
        Assert.Equal("Connected", await StatusOfAsync("Binance Ed25519 key"));
        Assert.Equal("Wrong passphrase", await StatusOfAsync("wrong-passphrase"));
        Assert.Equal("IP not allowed", await StatusOfAsync("OKX IP-locked"));
        Assert.Equal("Expires in 2 days", await StatusOfAsync("HTX expiring in 2 days"));
        Assert.Equal("Key expired", await StatusOfAsync("HTX expired"));
        Assert.StartsWith("Rate limited until", await StatusOfAsync("Gate rate-limited"), StringComparison.Ordinal);
        Assert.Equal("Incomplete", await StatusOfAsync("HitBTC without payment information"));
        Assert.Equal("Connected", await StatusOfAsync("HitBTC main"));
        Assert.Equal("Connected", await StatusOfAsync("Kraken main"));
        Assert.Equal("Withdrawal enabled", await StatusOfAsync("Kraken withdraw-enabled"));
        Assert.Equal("IP not allowed", await StatusOfAsync("Kraken IP-locked"));
        Assert.Equal("Connected", await StatusOfAsync("Bybit main"));
        Assert.Equal("Withdrawal enabled", await StatusOfAsync("Bybit withdraw-enabled"));
        Assert.Equal("Expires in 3 days", await StatusOfAsync("Bybit expiring in 3 days"));
        Assert.Equal("Connected", await StatusOfAsync("KuCoin main"));
        Assert.Equal("Withdrawal enabled", await StatusOfAsync("KuCoin withdraw-enabled"));
        Assert.Equal("IP not allowed", await StatusOfAsync("KuCoin IP-locked"));
        Assert.Equal("Connected", await StatusOfAsync("Coinbase main"));
        Assert.Equal("Withdrawal enabled", await StatusOfAsync("Coinbase withdraw-enabled"));
        Assert.Equal("Invalid key", await StatusOfAsync("Coinbase IP-locked"));

        await Card(page, "OKX IP-locked").Locator(".badge--button").ClickAsync();
        var popover = page.Locator(".popover:popover-open");
        var explained = await popover.InnerTextAsync();
        Assert.Contains("OKX 50110", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("okx 50110", explained, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", explained, StringComparison.Ordinal);
        Assert.Contains("How to fix it:", explained, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Escape");

        // A working connection whose key carries a warning does not say there is nothing to do.
        var connected = page.Locator("li[data-connection-id]:has(article[data-status='connected'])");
        var warned = 0;
        for (var i = 0; i < await connected.CountAsync(); i++)
        {
            var card = connected.Nth(i);
            var worst = card.Locator(".connection-card__findings + .badge");
            if (await worst.CountAsync() == 0 || (await worst.InnerTextAsync()).Trim() is not ("warning" or "critical"))
            {
                continue;
            }

            await card.Locator(".badge--button").First.ClickAsync();
            var said = await page.Locator(".popover:popover-open").InnerTextAsync();
            await page.Keyboard.PressAsync("Escape");
            Assert.DoesNotContain("Nothing to do.", said, StringComparison.Ordinal);
            Assert.Contains("to look at. First:", said, StringComparison.Ordinal);
            warned++;
        }

        Assert.True(warned > 0, "No connected demo card carries a warning, so nothing was checked.");
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_failed_background_sync_turns_the_card_stale_and_my_exchanges_updates_by_itself()
    {
        await using var keyfolio = await app.StartKeyfolioAsync(configureCore: core => core.DefaultSyncInterval = TimeSpan.FromSeconds(10));
        await keyfolio.SeedAsync(app.SimulatorConfig, "HTX main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var card = Card(page, "HTX main");
        var before = await card.Locator("article").GetAttributeAsync("data-stale");
        await page.EvaluateAsync("() => { window.keyfolioNotReloaded = true; }");
        var updated = page.EvaluateAsync<string>(
            "() => new Promise(resolve => document.addEventListener('keyfolio:cards-updated', e => { if (document.querySelector(\"li[data-connection-id] article[data-stale='true']\")) resolve(e.detail.version); }))");
        var key = app.SimulatorConfig.Accounts.Single(a => a.Label == "HTX main").ApiKey;

        app.Simulator.Control.SetFault(new SimulatorFault { Exchange = "htx", ApiKeys = [key], ErrorRate = 1 });
        try
        {
            await updated.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            app.Simulator.Control.ClearFaults("htx");
        }

        Assert.Equal("false", before);
        Assert.Equal("true", await card.Locator("article").GetAttributeAsync("data-stale"));
        Assert.Equal("stale", await card.Locator(".connection-card__stale").InnerTextAsync());
        Assert.Equal("Exchange unavailable", (await card.Locator(".badge").First.InnerTextAsync()).Replace("?", string.Empty, StringComparison.Ordinal).Trim());
        var expected = app.SimulatorConfig.Accounts.Single(a => a.Label == "HTX main").Balances.Sum(b => b.Net * app.SimulatorConfig.Prices[b.Asset]);
        Assert.Equal(expected, decimal.Parse(await card.Locator(".connection-card__total").GetAttributeAsync("data-usd") ?? "-1", CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.keyfolioNotReloaded === true"));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task My_exchanges_opened_as_the_vault_locks_lands_on_unlock_instead_of_showing_cards_that_no_longer_change()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "HTX main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var vault = keyfolio.Service<Keyfolio.Core.Access.VaultAccess>();
        await page.RouteAsync("**/exchanges/events", async route =>
        {
            await vault.LockAsync();
            await route.ContinueAsync();
        });

        await page.ReloadAsync();
        await watched.WaitForPageAsync("**/unlock**");

        Assert.False(vault.IsUnlocked);
        Assert.Equal(1, await page.Locator("#unlock-password").CountAsync());
        Assert.All(watched.Problems, p => Assert.Contains("/exchanges/events", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_may_not_read_a_wallet_is_incomplete_on_its_card_its_page_and_the_portfolio()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", Partial);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var read = app.SimulatorConfig.Accounts.Single(a => a.Label == Partial).Balances.Where(b => b.Wallet != "wallet").Sum(b => (b.Free + b.Locked) * app.SimulatorConfig.Prices[b.Asset]);

        var card = Card(page, Partial);
        Assert.Equal("incomplete", await card.Locator("article").GetAttributeAsync("data-status"));
        Assert.Equal("true", await card.Locator("article").GetAttributeAsync("data-incomplete"));
        Assert.Equal(read, decimal.Parse(await card.Locator(".connection-card__total").GetAttributeAsync("data-usd") ?? "-1", CultureInfo.InvariantCulture));
        Assert.StartsWith("≥ $", await card.Locator(".connection-card__total").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1 of 2 wallets read", await card.Locator(".connection-card__wallets").InnerTextAsync());
        Assert.Contains("funding", await card.Locator(".connection-card__missing").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("false", await Card(page, "Binance main").Locator("article").GetAttributeAsync("data-incomplete"));
        await card.Locator(".badge--button").ClickAsync();
        var explained = await page.Locator(".popover:popover-open").InnerTextAsync();
        Assert.Contains("1 of 2 wallets read", explained, StringComparison.Ordinal);
        Assert.Contains("“Payment information”", explained, StringComparison.Ordinal);
        await watched.GotoAsync("/connections/" + await card.GetAttributeAsync("data-connection-id"));
        var funding = page.Locator("#wallet-outcomes tr[data-wallet='funding']");
        Assert.Equal("notPermitted", await funding.GetAttributeAsync("data-outcome"));
        Assert.Contains("enable “Payment information”", await funding.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("read", await page.Locator("#wallet-outcomes tr[data-wallet='spot']").GetAttributeAsync("data-outcome"));
        Assert.Contains("cannot read your funding wallet", await page.Locator("#findings").InnerTextAsync(), StringComparison.Ordinal);

        await watched.GotoAsync("/portfolio");
        Assert.Equal("true", await page.Locator("#portfolio-total").GetAttributeAsync("data-incomplete"));
        Assert.StartsWith("≥ $", await page.Locator("#portfolio-total").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("at least: 9 of 10 wallets read", await page.Locator("#portfolio-incomplete").InnerTextAsync());
        var missing = page.Locator("#missing-wallets-table tbody tr");
        Assert.Equal(1, await missing.CountAsync());
        Assert.Equal("notPermitted", await missing.GetAttributeAsync("data-outcome"));
        Assert.Contains(Partial, await page.Locator("#by-asset-incomplete").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#by-wallet tr[data-exchange='hitbtc'][data-wallet='funding']").GetAttributeAsync("data-missing"));
        Assert.Equal("0", await page.Locator("#by-wallet tr[data-exchange='binance'][data-wallet='funding']").GetAttributeAsync("data-missing"));
        Assert.Contains("incomplete", await page.Locator("#by-exchange tbody tr", new PageLocatorOptions { HasText = "HitBTC" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("incomplete", await page.Locator("#by-exchange tbody tr", new PageLocatorOptions { HasText = "Binance" }).InnerTextAsync(), StringComparison.Ordinal);

        // The value over time counts the partial reading as a lower bound, never as a complete sum.
        Assert.True(await page.Locator("#chart-incomplete").IsVisibleAsync());
        var lastPoint = page.Locator(".chart--value tbody tr").Last.Locator("td");
        Assert.Equal("true", await lastPoint.GetAttributeAsync("data-incomplete"));
        Assert.StartsWith("≥ ", await lastPoint.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await page.Locator(".chart--value canvas").EvaluateAsync<bool>("c => Chart.getChart(c).options.plugins.tooltip.callbacks.label({ dataIndex: Chart.getChart(c).data.datasets[0].data.length - 1, raw: 5 }).startsWith('≥ ')"));

        // The same in Chinese: the wallet named in the reader's language.
        await page.Locator(".language-switch__option[lang='zh-Hans']").First.ClickAsync();
        await watched.WaitUntilEnhancedAsync();
        await page.Locator("html[lang='zh-Hans']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.Contains("资金", await page.Locator("#missing-wallets-table").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已读取 10 个钱包中的 9 个", await page.Locator("#portfolio-incomplete").InnerTextAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    private static ILocator Card(IPage page, string label) =>
        page.Locator("li[data-connection-id]").Filter(new LocatorFilterOptions { Has = page.Locator($"a.connection-card__label:text-is(\"{label}\")") });
}
