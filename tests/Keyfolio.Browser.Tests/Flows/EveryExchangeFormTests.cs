using System.Text.RegularExpressions;
using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// Every operating exchange's healthy demo key, typed into its Add connection form in a real browser, connects against
/// the simulator; the closed exchange (Bittrex) shows its notice instead of a form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EveryExchangeFormTests(BrowserApp app)
{
    public static TheoryData<string, string> MainAccounts => new()
    {
        { "binance", "Binance main" },
        { "okx", "OKX main" },
        { "htx", "HTX main" },
        { "bitfinex", "Bitfinex main" },
        { "hitbtc", "HitBTC main" },
        { "gate", "Gate main" },
        { "kraken", "Kraken main" },
        { "bybit", "Bybit main" },
        { "kucoin", "KuCoin main" },
        { "coinbase", "Coinbase main" },
    };

    [Theory]
    [MemberData(nameof(MainAccounts))]
    public async Task The_healthy_key_typed_into_the_form_shows_connected(string exchange, string label)
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, exchange == "bitfinex" ? "Gate main" : "Bitfinex main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == label);

        await watched.GotoAsync("/connections/new/" + exchange);
        await page.Locator("#connect-label").FillAsync(label + " typed");
        await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
        await page.Locator("#credential-secret").FillAsync(account.Secret);
        if (account.Passphrase is { } passphrase)
        {
            await page.Locator("#credential-passphrase").FillAsync(passphrase);
        }

        await page.Locator("#connect-submit").ClickAsync();
        await watched.WaitForPageAsync(ConnectedPage());
        var result = await page.Locator("#added-result").InnerTextAsync();

        Assert.Contains(label + " typed is connected", result, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task The_closed_exchange_shows_its_notice_and_no_form()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Bitfinex main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        await watched.GotoAsync("/connections/new/bittrex");
        var main = await page.Locator("main").InnerTextAsync();

        Assert.Equal(0, await page.Locator("#connect-submit").CountAsync());
        Assert.Contains("Bittrex Global wound down its exchange in December 2023", main, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [GeneratedRegex("/connections/conn-[0-9a-f]+\\?added=1$")]
    private static partial Regex ConnectedPage();
}
