using System.Text.RegularExpressions;
using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Simulator;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class FastConnectTests(BrowserApp app)
{
    [Fact]
    public async Task Okx_fast_connect_through_the_consent_page_comes_back_connected_with_a_read_only_key()
    {
        // Its own simulator: OKX creates one Fast API key per account and app.
        var config = SimulatorConfig.Demo();
        await using var simulator = await SimulatorHost.StartAsync(config);
        await using var keyfolio = await app.StartKeyfolioAsync(simulator);
        await keyfolio.SeedAsync(config);
        await keyfolio.ConfigureFastConnectAsync(config);

        // Keyfolio as localhost, the simulated OKX as 127.0.0.1: coming back from OKX is a cross-site navigation, as
        // from the real okx.com, so the browser withholds the SameSite=Strict session cookie on the first arrival.
        await using var watched = await keyfolio.OpenUnlockedAsync(app, address: keyfolio.LocalhostAddress);
        var page = watched.Page;
        await watched.GotoAsync("/connections/new/okx");
        await page.Locator("#fast-label").FillAsync("OKX Fast API");
        await page.Locator("#fast-submit").ClickAsync();
        await page.Locator("#approve").WaitForAsync();
        var consentPage = new Uri(page.Url);
        await page.Locator("#approve").ClickAsync();
        await watched.WaitForPageAsync(new Regex("/connections/conn-[0-9a-f]+\\?added=fast$"));
        var result = await page.Locator("#added-result").InnerTextAsync();
        var facts = await page.Locator("#key-facts").InnerTextAsync();

        Assert.Equal(simulator.BaseUrl("okx").Authority, consentPage.Authority);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(keyfolio.LocalhostAddress.GetLeftPart(UriPartial.Authority) + "/connections/okx/callback"), consentPage.Query, StringComparison.Ordinal);
        Assert.Contains("OKX Fast API is connected", result, StringComparison.Ordinal);
        Assert.Contains("read_only", facts, StringComparison.Ordinal);
        Assert.Contains(config.OkxOAuth!.User.Uid, facts, StringComparison.Ordinal);
        Assert.Equal(
            config.OkxOAuth.User.Balances.Sum(b => (b.Free + b.Locked) * config.Prices[b.Asset]),
            decimal.Parse(await page.Locator("#connection-total").GetAttributeAsync("data-usd") ?? "-1", System.Globalization.CultureInfo.InvariantCulture));
        watched.AssertNoProblemsOn(keyfolio.LocalhostAddress);
    }
}
