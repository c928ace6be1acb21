using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

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
        if (await watched.Page.Locator("#healthy-keys").CountAsync() > 0)
        {
            await watched.Page.Locator("#healthy-keys > summary").ClickAsync();
        }

        var onHealth = await watched.Page.Locator(".health-item code").First.InnerTextAsync();
        await watched.ClickAndWaitForPageAsync(watched.Page.Locator(".health-item a.connection-card__label").First);
        var onDetail = await watched.Page.Locator("#masked-key").InnerTextAsync();

        Assert.Equal("****" + account.ApiKey[^4..], onHealth);
        Assert.Equal("****" + account.ApiKey[^4..], onDetail);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Key_health_opens_with_counts_by_severity_lists_problems_first_filters_and_folds_healthy_keys_away()
    {
        string[] labels = ["Binance main", "Binance withdraw-enabled", "wrong-passphrase", "OKX main", "HTX main", "HTX expiring in 2 days", "Kraken main"];
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, labels);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        await watched.GotoAsync("/health");
        var summary = page.Locator("#health-summary");
        var ahead = await page.EvaluateAsync<bool>("() => !!(document.querySelector('#health-summary').compareDocumentPosition(document.querySelector('.health-item')) & Node.DOCUMENT_POSITION_FOLLOWING)");
        Assert.True(ahead, "The summary comes before the first key.");
        var counts = new Dictionary<string, int>();
        foreach (var level in new[] { "critical", "warning", "info", "healthy" })
        {
            counts[level] = int.Parse(await summary.Locator($"li[data-level='{level}']").GetAttributeAsync("data-count") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(counts[level], await page.Locator($".health-item[data-level='{level}']").CountAsync());
        }

        Assert.Equal(labels.Length, counts.Values.Sum());
        Assert.True(counts["critical"] >= 2, "A refused key and a key that can withdraw are critical.");
        Assert.True(counts["healthy"] >= 1, "Some keys are healthy.");

        // Problems first, worst first; healthy keys only in the folded list.
        var levels = await page.Locator("#health-list > .health-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.level)");
        string[] order = ["critical", "warning", "info"];
        Assert.DoesNotContain("healthy", levels);
        Assert.Equal([.. levels.OrderBy(l => Array.IndexOf(order, l))], levels);
        var healthy = page.Locator("#healthy-keys");
        Assert.False(await healthy.EvaluateAsync<bool>("d => d.open"));
        Assert.False(await healthy.Locator(".health-item").First.IsVisibleAsync());
        Assert.Equal(counts["healthy"], await healthy.Locator(".health-item").CountAsync());
        await healthy.Locator("summary").ClickAsync();
        Assert.True(await healthy.Locator(".health-item").First.IsVisibleAsync());

        // Filter by exchange, then by severity.
        await page.Locator("#filter-exchange").SelectOptionAsync("htx");
        await watched.ClickAndWaitForPageAsync(page.Locator("#health-filter-apply"));
        var exchanges = await page.Locator(".health-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.exchange)");
        Assert.Equal(2, exchanges.Length);
        Assert.All(exchanges, e => Assert.Equal("htx", e));

        await page.Locator("#filter-exchange").SelectOptionAsync(string.Empty);
        await page.Locator("#filter-severity").SelectOptionAsync("critical");
        await watched.ClickAndWaitForPageAsync(page.Locator("#health-filter-apply"));
        var critical = await page.Locator(".health-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.level)");
        Assert.Equal(counts["critical"], critical.Length);
        Assert.All(critical, l => Assert.Equal("critical", l));
        Assert.Contains("wrong-passphrase", await page.Locator("#health-list").InnerTextAsync(), StringComparison.Ordinal);

        // A count in the summary is a link to its keys.
        await watched.ClickAndWaitForPageAsync(page.Locator("#health-summary li[data-level='healthy'] a"));
        Assert.True(await page.Locator("#healthy-keys").EvaluateAsync<bool>("d => d.open"));
        Assert.Equal(counts["healthy"], await page.Locator(".health-item").CountAsync());

        // The same page in Chinese.
        await page.Locator(".language-switch__option[lang='zh-Hans']").First.ClickAsync();
        await page.Locator("html[lang='zh-Hans']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.Contains("正常", await page.Locator("#health-summary").InnerTextAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }
}
