using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class KeyHealthTests(BrowserApp app)
{
    [Fact]
    public async Task Key_endings_are_shown_in_the_case_the_key_has()
    {
        // An ending with both cases: upper-casing it (as the exchange-name line's style did) changes what is shown.
        var account = app.SimulatorConfig.Accounts.First(a => a.ApiKey[^4..].Any(char.IsLower) && a.ApiKey[^4..].Any(char.IsUpper) && (a.Label ?? string.Empty).EndsWith(" main", StringComparison.Ordinal));
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, account.Label!);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);

        await watched.GotoAsync("/health");
        var onHealth = await watched.Page.Locator(".health-item code").First.InnerTextAsync();
        await watched.ClickAndWaitForPageAsync(watched.Page.Locator(".health-item a.connection-card__label").First);
        var onDetail = await watched.Page.Locator("#masked-key").InnerTextAsync();

        Assert.Equal("****" + account.ApiKey[^4..], onHealth);
        Assert.Equal("****" + account.ApiKey[^4..], onDetail);
        watched.AssertNoProblems();
    }
}
