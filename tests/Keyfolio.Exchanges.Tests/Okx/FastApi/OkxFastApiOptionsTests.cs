using System.Globalization;
using Keyfolio.Exchanges.Okx.FastApi;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>The settings check names the one setting at fault, so a page can say why Fast connect is unavailable.</summary>
public sealed class OkxFastApiOptionsTests
{
    [Fact]
    public void The_defaults_point_at_okx_with_the_documented_token_path_and_only_the_broker_s_own_settings_missing()
    {
        var options = new OkxFastApiOptions();

        var problems = OkxFastApiOptionsValidator.Check(options, clientSecretStored: false);

        Assert.Equal(new Uri("https://www.okx.com/account/oauth/authorize"), options.AuthorizeUrl);
        Assert.Equal(new Uri("https://www.okx.com"), options.ApiBaseUrl);
        Assert.Equal("/v5/users/oauth/token", options.TokenPath);
        Assert.Equal(["ClientId", "ClientSecret", "RedirectUri"], problems.Select(p => p.Setting));
    }

    [Fact]
    public void Complete_settings_have_no_problem()
    {
        Assert.Empty(OkxFastApiOptionsValidator.Check(Complete(), clientSecretStored: true));
    }

    [Fact]
    public void Settings_emptied_one_by_one_are_each_named()
    {
        var options = new OkxFastApiOptions { AuthorizeUrl = null, ApiBaseUrl = null, TokenPath = " ", KeyLabel = "" };

        var problems = OkxFastApiOptionsValidator.Check(options, clientSecretStored: false);

        Assert.Equal(["ClientId", "ClientSecret", "AuthorizeUrl", "ApiBaseUrl", "TokenPath", "RedirectUri", "KeyLabel"], problems.Select(p => p.Setting));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message.For(CultureInfo.GetCultureInfo("zh-Hans")))));
    }

    public static TheoryData<string, Action<OkxFastApiOptions>, string> BrokenSettings => new()
    {
        { "ClientId", o => o.ClientId = "keyfolio demo", "spaces" },
        { "AuthorizeUrl", o => o.AuthorizeUrl = new Uri("http://www.okx.com/account/oauth/authorize"), "https" },
        { "AuthorizeUrl", o => o.AuthorizeUrl = new Uri("ftp://www.okx.com/account/oauth/authorize"), "absolute https URL" },
        { "AuthorizeUrl", o => o.AuthorizeUrl = new Uri("https://www.okx.com/account/oauth/authorize?x=1"), "query" },
        { "ApiBaseUrl", o => o.ApiBaseUrl = new Uri("/api", UriKind.Relative), "absolute https URL" },
        { "ApiBaseUrl", o => o.ApiBaseUrl = new Uri("http://okx.example"), "https" },
        { "TokenPath", o => o.TokenPath = "v5/users/oauth/token", "starts with /" },
        { "TokenPath", o => o.TokenPath = "/v5/users/oauth/token?x=1", "starts with /" },
        { "TokenPath", o => o.TokenPath = "//evil.example/token", "starts with /" },
        { "RedirectUri", o => o.RedirectUri = new Uri("http://keyfolio.example/callback"), "https" },
        { "RedirectUri", o => o.RedirectUri = new Uri("https://keyfolio.example/callback#top"), "fragment" },
        { "KeyLabel", o => o.KeyLabel = new string('k', 51), "1 to 50 characters" },
        { "KeyLabel", o => o.KeyLabel = "Key\nfolio", "line breaks" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void A_wrong_setting_is_named_with_what_is_wrong(string setting, Action<OkxFastApiOptions> breakIt, string explanation)
    {
        var options = Complete();
        breakIt(options);

        var problem = Assert.Single(OkxFastApiOptionsValidator.Check(options, clientSecretStored: true));

        Assert.Equal(setting, problem.Setting);
        Assert.StartsWith(setting, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(explanation, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(setting, problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/callback")]
    [InlineData("http://localhost:5000/callback")]
    [InlineData("http://[::1]:5000/callback")]
    [InlineData("https://keyfolio.example/callback?from=okx")]
    public void Plain_http_is_accepted_on_the_loopback_address_and_a_redirect_uri_may_carry_a_query(string redirectUri)
    {
        var options = Complete();
        options.RedirectUri = new Uri(redirectUri);
        options.UseHost(new Uri("http://127.0.0.1:41000"));

        Assert.Empty(OkxFastApiOptionsValidator.Check(options, clientSecretStored: true));
    }

    [Fact]
    public void UseHost_moves_the_consent_page_and_the_api_to_another_host_keeping_okx_s_paths()
    {
        var options = Complete().UseHost(new Uri("https://my.okx.com/ignored/path"));

        Assert.Equal(new Uri("https://my.okx.com/account/oauth/authorize"), options.AuthorizeUrl);
        Assert.Equal(new Uri("https://my.okx.com"), options.ApiBaseUrl);
    }

    [Fact]
    public void A_client_is_not_created_from_incomplete_settings()
    {
        var connectors = ExchangeConnectors.Create();
        var options = Complete();
        options.RedirectUri = null;

        var exception = Assert.Throws<OptionsValidationException>(() => connectors.CreateOkxFastApiClient(options));

        Assert.Contains("RedirectUri is not set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_keeps_the_settings_it_was_created_with()
    {
        var options = Complete();
        var client = ExchangeConnectors.Create().CreateOkxFastApiClient(options);

        options.ClientId = "changed-later";
        options.AuthorizeUrl = new Uri("https://elsewhere.example/authorize");

        var url = client.BeginAuthorization().AuthorizeUrl;
        Assert.StartsWith("https://www.okx.com/account/oauth/authorize?", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("client_id=keyfolio&", url.AbsoluteUri, StringComparison.Ordinal);
    }

    private static OkxFastApiOptions Complete() => new()
    {
        ClientId = "keyfolio",
        RedirectUri = new Uri("https://keyfolio.example/connect/okx/callback"),
    };
}
