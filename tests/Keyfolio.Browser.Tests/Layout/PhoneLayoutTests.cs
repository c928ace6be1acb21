using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Layout;

/// <summary>
/// On a 390 px phone: every area of the navigation in sight without scrolling sideways, the key form and Fast connect
/// on the first screens of Connect (the guide folded to its title, one tap opens it), and an Activity entry's key
/// fingerprint on a line of its own, not run into the connection's label.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserApp app)
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public async Task The_navigation_the_key_form_and_the_activity_entries_fit_a_phone()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "OKX main");
        await keyfolio.ConfigureFastConnectAsync(app.SimulatorConfig);
        await using var watched = await keyfolio.OpenUnlockedAsync(app, options: Phone);
        var page = watched.Page;

        // Every navigation link lies inside the screen as the page opens.
        var links = await page.Locator(".site-nav__link").EvaluateAllAsync<double[][]>(
            "links => links.map(l => { const r = l.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })");
        Assert.Equal(6, links.Length);
        Assert.All(links, box => Assert.True(box[0] >= 0 && box[1] <= 390 && box[3] <= 844, $"A navigation link lies at {string.Join(", ", box)}, outside the 390 px screen."));

        // Connect OKX: the guide is folded to its title; Fast connect and the key form follow within the first screens.
        await watched.GotoAsync("/connections/new/okx");
        Assert.False(await page.Locator("details.guide").EvaluateAsync<bool>("d => d.open"));
        var fastTop = await page.Locator("#fast-connect").EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        var keyTop = await page.Locator("#connect-form").EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        Assert.True(fastTop < 844, $"Fast connect starts {fastTop} px down the page.");
        Assert.True(keyTop < 2 * 844, $"The key form starts {keyTop} px down the page.");
        await page.Locator(".guide__summary").ClickAsync();
        Assert.True(await page.Locator("details.guide").EvaluateAsync<bool>("d => d.open"));
        Assert.True(await page.Locator("#egress-ip").IsVisibleAsync());

        // Activity: a key's fingerprint starts below the connection's label.
        await watched.GotoAsync("/activity");
        var cell = page.Locator("#audit-entries td").Filter(new LocatorFilterOptions { Has = page.Locator(".fingerprint") }).First;
        var label = await cell.Locator("span").First.BoundingBoxAsync();
        var fingerprint = await cell.Locator(".fingerprint").BoundingBoxAsync();
        Assert.True(fingerprint!.Y >= label!.Y + label.Height - 1, $"The fingerprint at y {fingerprint.Y} runs into the label ending at {label.Y + label.Height}.");
        watched.AssertNoProblems();
    }
}
