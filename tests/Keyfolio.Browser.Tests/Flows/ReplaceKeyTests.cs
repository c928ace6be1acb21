using System.Text.RegularExpressions;
using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed partial class ReplaceKeyTests(BrowserApp app)
{
    [Fact]
    public async Task Replacing_a_key_with_the_same_key_says_so_and_never_advises_deleting_it()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "Binance main");
        var other = app.SimulatorConfig.Accounts.Single(a => a.Label == "Binance trading right lapses");
        var id = await page.Locator("li[data-connection-id]").First.GetAttributeAsync("data-connection-id");

        await ReplaceAsync(watched, id!, account.ApiKey, account.Secret);
        var same = await page.Locator("#replaced-notice").InnerTextAsync();
        var sameUrl = page.Url;
        await ReplaceAsync(watched, id!, other.ApiKey, other.Secret);
        var different = await page.Locator("#replaced-notice").InnerTextAsync();

        Assert.EndsWith("?replaced=same", sameUrl, StringComparison.Ordinal);
        Assert.Contains("already had", same, StringComparison.Ordinal);
        Assert.Contains("Keep it on Binance", same, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete the old key", same, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Delete the old key on the exchange", different, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    private static async Task ReplaceAsync(WatchedPage watched, string id, string apiKey, string secret)
    {
        await watched.GotoAsync($"/connections/{id}/replace");
        await watched.Page.Locator("#replace-apiKey").FillAsync(apiKey);
        await watched.Page.Locator("#replace-secret").FillAsync(secret);
        await watched.Page.Locator("#replace-submit").ClickAsync();
        await watched.WaitForPageAsync(Replaced());
    }

    [GeneratedRegex("/connections/conn-[0-9a-f]+\\?replaced=(1|same)$")]
    private static partial Regex Replaced();
}
