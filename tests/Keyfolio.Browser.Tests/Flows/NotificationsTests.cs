using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Core.Alerts;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>The header shows how many alerts are unread; the notifications page lists them, links each to its connection, and marks them read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsTests(BrowserApp app)
{
    [Fact]
    public async Task The_header_counts_unread_alerts_and_the_list_links_each_to_its_connection_until_marked_read()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "Binance withdraw-enabled", "HTX expiring in 2 days");
        // Whatever the background round has not raised yet is raised now; what it has, is listed.
        await keyfolio.Service<AlertMonitor>().DetectAsync(CancellationToken.None);
        var raised = await keyfolio.Service<AlertMonitor>().ListAsync(100, unreadOnly: true, CancellationToken.None);
        var unread = await keyfolio.Service<AlertMonitor>().UnreadCountAsync(CancellationToken.None);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;

        await watched.GotoAsync("/exchanges");
        var count = await page.Locator("#notifications-unread").InnerTextAsync();
        var label = await page.Locator("#notifications-link").GetAttributeAsync("aria-label");
        await watched.ClickAndWaitForPageAsync(page.Locator("#notifications-link"));
        await watched.WaitForPageAsync("**/notifications");
        var items = page.Locator("#notification-list li");
        var listed = await items.CountAsync();
        var withdraw = items.Filter(new LocatorFilterOptions { Has = page.Locator("a.notification__connection:text-is(\"Binance withdraw-enabled\")") }).Filter(new LocatorFilterOptions { HasText = "can withdraw" });
        var withdrawLink = await withdraw.Locator("a.notification__connection").GetAttributeAsync("href");
        var withdrawUnread = await withdraw.GetAttributeAsync("data-unread");
        await watched.ClickAndWaitForPageAsync(page.Locator("#notifications-mark-read"));
        await page.Locator("#notifications-mark-read").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        var afterRead = await page.Locator("#notification-list li[data-unread='true']").CountAsync();
        var countAfter = await page.Locator("#notifications-unread").CountAsync();

        Assert.Contains(raised, a => a.Type == AlertType.WithdrawRight);
        Assert.Contains(raised, a => a.Type == AlertType.KeyExpiring);
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        Assert.Equal($"Notifications, {unread} unread", label);
        Assert.Equal(unread, listed);
        Assert.Matches("^/connections/conn-[0-9a-f]+$", withdrawLink);
        Assert.Equal("true", withdrawUnread);
        Assert.Equal(0, afterRead);
        Assert.Equal(0, countAfter);
        Assert.Equal(0, await keyfolio.Service<AlertMonitor>().UnreadCountAsync(CancellationToken.None));
        watched.AssertNoProblems();
    }
}
