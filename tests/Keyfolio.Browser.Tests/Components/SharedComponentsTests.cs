using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Components;

[Collection(BrowserCollection.Name)]
public sealed class SharedComponentsTests(BrowserApp app)
{
    [Fact]
    public async Task Secret_input_is_masked_until_shown_and_masked_again_on_hide()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.GotoAsync("/harness/components");
        var input = watched.Page.Locator("#harness-secret");
        var toggle = watched.Page.Locator("[data-secret-toggle='harness-secret']");
        Assert.Equal("password", await input.GetAttributeAsync("type"));

        await toggle.ClickAsync();
        Assert.Equal("text", await input.GetAttributeAsync("type"));
        Assert.Equal("Hide", await toggle.InnerTextAsync());
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-pressed"));

        await toggle.ClickAsync();
        Assert.Equal("password", await input.GetAttributeAsync("type"));
        Assert.Equal("Show", await toggle.InnerTextAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Status_badge_opens_its_explanation_and_fix_in_a_popover()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.GotoAsync("/harness/components");
        var popover = watched.Page.Locator(".popover");
        Assert.False(await popover.IsVisibleAsync());

        await watched.Page.Locator(".badge--button").ClickAsync();

        Assert.True(await popover.IsVisibleAsync());
        Assert.Contains("Add this computer's address to the key's IP whitelist.", await popover.InnerTextAsync(), StringComparison.Ordinal);
        await popover.Locator(".popover__close").ClickAsync();
        Assert.False(await popover.IsVisibleAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Copy_button_puts_its_value_on_the_clipboard_and_says_so()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await watched.GotoAsync("/harness/components");

        await watched.Page.Locator(".copy-button").ClickAsync();

        await Assertions.Expect(watched.Page.Locator(".copy-button__text")).ToHaveTextAsync("Copied");
        Assert.Equal("198.51.100.23", await watched.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        watched.AssertNoProblems();
    }
}
