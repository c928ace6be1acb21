using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// A form that did its work answers with a redirect, so reloading the page shows the result without sending the form
/// again: checking a connection, saving its refresh interval, refreshing it from My Exchanges. A refused form does too,
/// and the reload still shows the refusal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RedirectAfterPostTests(BrowserApp app)
{
    /// <summary>Reloads the page and counts the requests the reload sent as POST.</summary>
    private static async Task<int> PostsOnReloadAsync(WatchedPage watched)
    {
        var posts = 0;
        void Count(object? sender, IRequest request)
        {
            if (request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
            }
        }

        watched.Page.Request += Count;
        await watched.Page.ReloadAsync();
        watched.Page.Request -= Count;
        return posts;
    }

    [Fact]
    public async Task Checking_saving_the_interval_and_refreshing_redirect_so_a_reload_posts_nothing()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Gate main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var id = await page.Locator("li[data-connection-id]").First.GetAttributeAsync("data-connection-id");

        await watched.GotoAsync($"/connections/{id}");
        await page.Locator("#check-now").ClickAsync();
        await watched.WaitForPageAsync($"**/connections/{id}?done=checked");
        Assert.Contains("Connected", await page.Locator("#check-result").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await PostsOnReloadAsync(watched));
        Assert.True(await page.Locator("#check-result").IsVisibleAsync());

        await page.Locator("#sync-interval").SelectOptionAsync("15");
        await page.Locator("#sync-interval ~ button[type=submit]").ClickAsync();
        await watched.WaitForPageAsync($"**/connections/{id}?done=interval");
        Assert.Equal("15", await page.Locator("#sync-interval").InputValueAsync());
        Assert.Equal(0, await PostsOnReloadAsync(watched));

        await watched.GotoAsync("/exchanges");
        await page.Locator($"li[data-connection-id='{id}'] .connection-card__refresh").ClickAsync();
        await watched.WaitForPageAsync("**/exchanges?**refreshed=Gate%20main");
        Assert.Contains("Gate main", await page.Locator(".notice").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await PostsOnReloadAsync(watched));

        // The address alone names no refresh: a label of no connection is not announced.
        await watched.GotoAsync("/exchanges?refreshed=Nobody");
        Assert.DoesNotContain("Nobody", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_key_the_exchange_refuses_redirects_so_a_reload_posts_nothing_and_still_shows_the_refusal()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.First(a => a.Exchange == "gate");

        await watched.GotoAsync("/connections/new/gate");
        await page.Locator("#connect-label").FillAsync("Gate wrong key");
        await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
        await page.Locator("#credential-secret").FillAsync(new string('0', account.Secret.Length));
        await page.Locator("#connect-submit").ClickAsync();
        await watched.WaitForPageAsync("**/connections/new/gate?form=*");
        var refused = await page.Locator("#connect-error").InnerTextAsync();

        Assert.Equal(0, await PostsOnReloadAsync(watched));
        Assert.Equal(refused, await page.Locator("#connect-error").InnerTextAsync());
        Assert.Equal("Gate wrong key", await page.Locator("#connect-label").InputValueAsync());
        Assert.Equal(account.ApiKey, await page.Locator("#credential-apiKey").InputValueAsync());
        Assert.Equal(string.Empty, await page.Locator("#credential-secret").InputValueAsync());
        Assert.Contains("form=", page.Url, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }
}
