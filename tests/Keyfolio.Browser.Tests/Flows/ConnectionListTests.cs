using System.Globalization;
using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Core.Connections;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>
/// My Exchanges as a compact list, in a real browser over every demo connection: sorted by its headers, filtered by
/// status, searched by label, grouped by exchange with subtotals, the choice remembered by the browser, and the live
/// update fetching the same list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionListTests(BrowserApp app)
{
    private static async Task<IReadOnlyList<(string Label, string Status, decimal Usd)>> RowsAsync(IPage page) =>
        [.. (await page.Locator("#connection-table tbody tr[data-connection-id]").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('.connection-table__label').textContent.trim(), r.dataset.status, r.querySelector('.money[data-usd]')?.dataset.usd ?? '0'])"))
            .Select(r => (r[0], r[1], decimal.Parse(r[2], CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task The_list_sorts_filters_searches_groups_and_is_remembered()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, [.. app.SimulatorConfig.Accounts.Select(a => a.Label!)]);
        var views = await keyfolio.Service<ConnectionService>().ListAsync(false, CancellationToken.None);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        await page.Locator("#view-list").ClickAsync();
        await watched.WaitForPageAsync("**/exchanges?view=list**");
        var byValue = await RowsAsync(page);
        Assert.Equal(views.Count, byValue.Count);
        Assert.Equal(byValue.Select(r => r.Usd).OrderDescending(), byValue.Select(r => r.Usd));
        Assert.Equal("descending", await page.Locator("th[aria-sort]").GetAttributeAsync("aria-sort"));

        // The value header again turns the order round; the label header sorts A to Z.
        await page.Locator("a[data-sort-by='value']").ClickAsync();
        await watched.WaitForPageAsync("**dir=asc**");
        Assert.Equal(byValue.Select(r => r.Usd).Order(), (await RowsAsync(page)).Select(r => r.Usd));
        await page.Locator("a[data-sort-by='label']").ClickAsync();
        await watched.WaitForPageAsync("**sort=label**");
        var byLabel = (await RowsAsync(page)).Select(r => r.Label).ToList();
        Assert.Equal(byLabel.Order(StringComparer.Create(CultureInfo.GetCultureInfo("en-US"), ignoreCase: true)), byLabel);

        // Need attention: exactly the keys the exchange refuses and those that can withdraw, and the count says so.
        await page.Locator("#filter-status").SelectOptionAsync("attention");
        await page.Locator("#filter-apply").ClickAsync();
        await watched.WaitForPageAsync("**status=attention**");
        var attention = views.Where(ConnectionListQueryAttention).Select(v => v.Connection.Label).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(attention);
        Assert.Equal(attention, (await RowsAsync(page)).Select(r => r.Label).Order(StringComparer.Ordinal));
        Assert.Contains($"{attention.Count} of {views.Count} shown", await page.Locator("#filter-shown").InnerTextAsync(), StringComparison.Ordinal);

        // A search by label, any case, with the status filter cleared.
        await page.Locator("#filter-status").SelectOptionAsync(string.Empty);
        await page.Locator("#filter-search").FillAsync("binance");
        await page.Locator("#filter-apply").ClickAsync();
        await watched.WaitForPageAsync("**q=binance**");
        var found = (await RowsAsync(page)).Select(r => r.Label).ToList();
        Assert.Equal(views.Count(v => v.Connection.Label.Contains("binance", StringComparison.OrdinalIgnoreCase)), found.Count);
        Assert.All(found, label => Assert.Contains("binance", label, StringComparison.OrdinalIgnoreCase));

        // Grouped by exchange: one group per exchange, its subtotal the sum of its rows.
        await page.Locator("#filter-search").FillAsync(string.Empty);
        await page.Locator("#filter-group").CheckAsync();
        await page.Locator("#filter-apply").ClickAsync();
        await watched.WaitForPageAsync("**group=exchange**");
        var groups = page.Locator("#connection-table tbody[data-exchange-group]");
        Assert.Equal(views.Select(v => v.Connection.Descriptor.DisplayName).Distinct().Count(), await groups.CountAsync());
        foreach (var group in await groups.AllAsync())
        {
            var subtotal = decimal.Parse((await group.Locator(".connection-table__group td[data-usd]").GetAttributeAsync("data-usd"))!, CultureInfo.InvariantCulture);
            var rows = await group.Locator("tr[data-connection-id] .money[data-usd]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.usd)");
            Assert.Equal(rows.Sum(r => decimal.Parse(r, CultureInfo.InvariantCulture)), subtotal);
        }

        // The browser remembers the list, its sort and grouping: My Exchanges opened plainly shows them again.
        await watched.GotoAsync("/portfolio");
        await watched.GotoAsync("/exchanges");
        Assert.Equal("list", await page.Locator("[data-live-cards]").GetAttributeAsync("data-layout"));
        Assert.Equal("label", await page.Locator("#connection-table").GetAttributeAsync("data-sort"));
        Assert.True(await page.Locator("#filter-group").IsCheckedAsync());

        // The live update fetches the same list, not the cards.
        var fetched = await page.EvaluateAsync<string>("() => fetch(document.querySelector('[data-live-fetch]').dataset.liveFetch).then(r => r.text())");
        Assert.Contains("id=\"connection-table\"", fetched, StringComparison.Ordinal);
        Assert.Contains("data-exchange-group", fetched, StringComparison.Ordinal);

        // And back to the cards.
        await page.Locator("#view-cards").ClickAsync();
        await watched.WaitForPageAsync("**view=cards**");
        Assert.Equal(views.Count, await page.Locator("li[data-connection-id]").CountAsync());
        watched.AssertNoProblems();
    }

    private static bool ConnectionListQueryAttention(ConnectionView view) =>
        view.Status.IsKeyProblem || view.Status.Code == Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled;
}
