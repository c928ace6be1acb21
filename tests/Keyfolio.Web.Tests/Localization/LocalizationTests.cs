using System.Net;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Localization;

public sealed class LocalizationTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public LocalizationTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Page_follows_the_browser_language_when_no_choice_was_made()
    {
        using var client = _factory.CreateBrowserLikeClient("zh-CN");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains("欢迎使用 Keyfolio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_offers_the_five_languages_each_by_its_own_name()
    {
        using var client = _factory.CreateBrowserLikeClient("en");

        var html = await client.GetStringAsync("/");

        foreach (var (culture, name) in new[] { ("en", "English"), ("zh-Hans", "简体中文"), ("zh-Hant", "繁體中文"), ("ja", "日本語"), ("ko", "한국어") })
        {
            Assert.Contains($"value=\"{culture}\"", html, StringComparison.Ordinal);
            Assert.Contains(name, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("ja-JP", "ja")]
    [InlineData("ko-KR", "ko")]
    public async Task A_browser_in_a_newer_language_gets_that_language_and_never_Simplified_Chinese(string browser, string culture)
    {
        using var client = _factory.CreateBrowserLikeClient(browser);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"<html lang=\"{culture}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("欢迎使用 Keyfolio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_browser_language_falls_back_to_english()
    {
        using var client = _factory.CreateBrowserLikeClient("fr-FR");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Welcome to Keyfolio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switch_remembers_the_choice_and_returns_to_the_page()
    {
        using var client = _factory.CreateBrowserLikeClient("en");
        var token = await Antiforgery.FromPageAsync(client, "/");

        using var switched = await client.PostAsync("/culture", Form(token, "zh-Hans", "/not-found?from=switch"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/not-found?from=switch", switched.Headers.Location!.OriginalString);
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Culture + "=", StringComparison.Ordinal));
        Assert.Contains("max-age=", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await client.GetStringAsync("/");
        Assert.Contains("欢迎使用 Keyfolio", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//attacker.example/")]
    [InlineData("/\\attacker.example/")]
    [InlineData("https://attacker.example/")]
    [InlineData("")]
    public async Task Language_switch_never_redirects_off_the_site(string returnUrl)
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = await Antiforgery.FromPageAsync(client, "/");

        using var switched = await client.PostAsync("/culture", Form(token, "en", returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Language_switch_refuses_an_unsupported_language()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = await Antiforgery.FromPageAsync(client, "/");

        using var switched = await client.PostAsync("/culture", Form(token, "fr", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, switched.StatusCode);
        Assert.Contains("zh-Hans", await switched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string token, string culture, string returnUrl) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["culture"] = culture,
        ["returnUrl"] = returnUrl,
    });
}
