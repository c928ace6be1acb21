using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Shell;

[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserApp app)
{
    [Fact]
    public async Task The_api_reference_draws_every_area_of_the_api_under_the_pages_policy_without_errors()
    {
        await using var watched = await app.OpenPageAsync("en-US");
        var page = watched.Page;

        await page.GotoAsync("/api/reference");

        Assert.EndsWith("/api/reference/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("Keyfolio API");
        foreach (var tag in new[] { "Connections", "Portfolio", "Audit", "Alerts", "Vault", "Session" })
        {
            await Assertions.Expect(page.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await page.GetByText("Vault", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Locks the vault (zeroing its key in memory) and ends every session.").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("script:not([nonce])").CountAsync());
        // The page's script probes for eval, which the policy keeps refused; that refusal is the only report allowed.
        Assert.All(watched.Problems, problem => Assert.StartsWith("CSP violation: script-src eval ", problem, StringComparison.Ordinal));
    }
}
