using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Shell;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserApp app)
{
    private static readonly string[] EnglishAreas = ["Unlock", "My Exchanges", "Add connection", "Portfolio", "Key health", "Activity", "Settings"];

    private static readonly string[] ChineseAreas = ["解锁", "我的交易所", "添加连接", "资产组合", "密钥健康", "活动记录", "设置"];

    [Fact]
    public async Task Shell_renders_in_english_with_every_area_styled_and_without_errors()
    {
        await using var watched = await app.OpenPageAsync("en-US");

        await watched.GotoAsync("/");

        var page = watched.Page;
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Welcome to Keyfolio", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(EnglishAreas, await page.Locator(".site-nav__link").AllInnerTextsAsync());
        Assert.Equal("flex", await page.Locator(".site-nav__list").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal("true", await page.Locator(".language-switch__option[lang='en']").GetAttributeAsync("aria-pressed"));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Language_switch_turns_the_shell_chinese_and_is_remembered()
    {
        await using var watched = await app.OpenPageAsync("en-US");
        await watched.GotoAsync("/");

        await watched.ClickAndWaitForPageAsync(watched.Page.Locator(".language-switch__option[lang='zh-Hans']"));
        Assert.Equal(app.BaseAddress.ToString(), watched.Page.Url);

        var page = watched.Page;
        Assert.Equal("zh-Hans", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("欢迎使用 Keyfolio", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(ChineseAreas, await page.Locator(".site-nav__link").AllInnerTextsAsync());

        var later = await watched.Context.NewPageAsync();
        await later.GotoAsync("/no-such-page");
        Assert.Equal("找不到此页面", await later.Locator("h1").InnerTextAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Language_switch_returns_to_the_page_it_was_used_on()
    {
        await using var watched = await app.OpenPageAsync("zh-CN");
        await watched.GotoAsync("/no-such-page?x=1");
        Assert.Equal("找不到此页面", await watched.Page.Locator("h1").InnerTextAsync());

        await watched.ClickAndWaitForPageAsync(watched.Page.Locator(".language-switch__option[lang='en']"));
        Assert.EndsWith("/no-such-page?x=1", watched.Page.Url, StringComparison.Ordinal);

        Assert.Equal("Page not found", await watched.Page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task A_page_can_put_its_lock_button_in_the_header()
    {
        await using var watched = await app.OpenPageAsync();

        await watched.GotoAsync("/harness/components");

        Assert.True(await watched.Page.Locator("header .app-header__actions #harness-lock").IsVisibleAsync());
    }

    [Fact]
    public async Task Phone_width_fits_the_screen_and_keeps_every_area_reachable()
    {
        await using var watched = await app.OpenPageAsync("zh-CN", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });

        await watched.GotoAsync("/");

        var page = watched.Page;
        var documentWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(documentWidth <= 390, "The page is " + documentWidth + " px wide on a 390 px screen.");
        var settings = page.Locator(".site-nav__link", new PageLocatorOptions { HasText = "设置" });
        await settings.ScrollIntoViewIfNeededAsync();
        Assert.True(await settings.IsVisibleAsync());
        watched.AssertNoProblems();
    }
}
