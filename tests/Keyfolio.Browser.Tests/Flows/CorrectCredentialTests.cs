using System.Text.RegularExpressions;
using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// A key kept with a wrong passphrase is fixed by typing the passphrase alone: the connection page offers it where
/// the status names the passphrase, a wrong correction changes nothing and asks again, the right one is verified
/// against the simulated OKX and the connection works again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CorrectCredentialTests(BrowserApp app)
{
    [Fact]
    public async Task A_wrong_passphrase_is_corrected_alone_from_the_connection_page_without_typing_the_key_again()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "wrong-passphrase", "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "wrong-passphrase");
        var id = await Card(page, "wrong-passphrase").GetAttributeAsync("data-connection-id");
        var healthyId = await Card(page, "Binance main").GetAttributeAsync("data-connection-id");

        // A connected key has nothing to correct: no such offer on its page.
        await watched.GotoAsync($"/connections/{healthyId}");
        Assert.Equal(0, await page.Locator("#correct-field").CountAsync());

        await watched.GotoAsync($"/connections/{id}");
        Assert.Equal("Correct the passphrase only", (await page.Locator("#correct-field").InnerTextAsync()).Trim());
        await page.Locator("#correct-field").ClickAsync();
        await watched.WaitForPageAsync($"**/connections/{id}/correct/passphrase");

        // Only the passphrase is asked for.
        Assert.Equal(1, await page.Locator("#correct-passphrase").CountAsync());
        Assert.Equal(0, await page.Locator("#correct-apiKey, #correct-secret").CountAsync());

        await page.Locator("#correct-passphrase").FillAsync("Still-Wrong-1!");
        await page.Locator("#correct-submit").ClickAsync();
        await page.Locator("#correct-error").WaitForAsync();
        Assert.Contains("Nothing was changed", await page.Locator("#correct-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.Locator("#correct-passphrase").InputValueAsync());

        await page.Locator("#correct-passphrase").FillAsync(account.Passphrase!);
        await page.Locator("#correct-submit").ClickAsync();
        await watched.WaitForPageAsync(Corrected());

        Assert.Contains("The passphrase was corrected", await page.Locator("#corrected-notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#correct-field").CountAsync());
        Assert.Equal(0, await page.Locator("#status-explained").CountAsync());
        watched.AssertNoProblems();
    }

    private static ILocator Card(IPage page, string label) =>
        page.Locator("li[data-connection-id]").Filter(new LocatorFilterOptions { Has = page.Locator($"a.connection-card__label:text-is(\"{label}\")") });

    [GeneratedRegex("/connections/conn-[0-9a-f]+\\?corrected=passphrase$")]
    private static partial Regex Corrected();
}
