using System.Net;
using System.Text.RegularExpressions;
using Keyfolio.Core.Access;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

public sealed partial class PagesTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static readonly string[] SignedInPages =
    [
        "/exchanges", "/connections/new", "/connections/new/binance", "/connections/new/okx", "/connections/new/bittrex", "/connections/new/coinbase",
        "/connections/{binance}", "/connections/{withdraw}", "/connections/{binance}/replace", "/portfolio", "/health", "/activity", "/settings", "/audit-log",
    ];

    [Theory]
    [InlineData("en", "My Exchanges")]
    [InlineData("zh-Hans", "我的交易所")]
    public async Task Every_page_renders_for_a_session_in_both_languages_with_security_headers_and_no_secret(string culture, string navText)
    {
        var client = await app.ClientAsync();

        foreach (var path in SignedInPages.Select(Resolve))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.ParseAdd(culture);
            using var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, path + " answered " + (int)response.StatusCode);
            Assert.Contains($"<html lang=\"{culture}\"", html, StringComparison.Ordinal);
            Assert.Contains(navText, html, StringComparison.Ordinal);
            Assert.Contains("<h1", html, StringComparison.Ordinal);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.True(response.Headers.CacheControl!.NoStore, path + " may be stored by the browser.");
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_connection_page_shows_the_key_masked_its_facts_findings_and_history()
    {
        var client = await app.ClientAsync();
        var apiKey = app.Account("Binance withdraw-enabled").ApiKey;

        var html = await client.GetStringAsync(Resolve("/connections/{withdraw}"));

        Assert.Contains("****" + apiKey[^4..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, html, StringComparison.Ordinal);
        Assert.Contains("Withdrawal enabled", html, StringComparison.Ordinal);
        Assert.Contains("Enable Withdrawals", html, StringComparison.Ordinal);
        Assert.Contains("id=\"history\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exchange_picker_shows_bittrex_closed_and_without_a_link()
    {
        var client = await app.ClientAsync();

        var html = await client.GetStringAsync("/connections/new");

        Assert.Contains("href=\"/connections/new/binance\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/connections/new/bittrex\"", html, StringComparison.Ordinal);
        Assert.Matches(ClosedBittrex(), html);
    }

    [Fact]
    public async Task The_add_form_carries_each_fields_format_rule_for_the_browser()
    {
        var client = await app.ClientAsync();

        var html = await client.GetStringAsync("/connections/new/okx");

        Assert.Contains("data-format-pattern=\"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Passphrase\"", html, StringComparison.Ordinal);
        Assert.Contains("Fast connect", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coinbase_form_takes_the_private_key_in_a_masked_text_area_and_connects_with_it()
    {
        var client = await app.ClientAsync();
        var account = app.Account("Coinbase main");

        var form = await client.GetStringAsync("/connections/new/coinbase");
        using var connected = await PageForms.SubmitAsync(client, "/connections/new/coinbase", "connect", new Dictionary<string, string>
        {
            ["Form.Label"] = "Coinbase typed",
            ["Form.ApiKey"] = account.ApiKey,
            ["Form.Secret"] = account.Secret,
            ["Form.Action"] = "connect",
        });
        var detail = await client.GetStringAsync(connected.Headers.Location!.PathAndQuery);

        Assert.Matches("<textarea id=\"credential-secret\" name=\"Form.Secret\" rows=\"7\" class=\"[^\"]*secret-input__field--masked[^\"]*\"", form);
        Assert.Contains("data-format-multiline=\"true\"", form, StringComparison.Ordinal);
        Assert.Contains("API key name", form, StringComparison.Ordinal);
        Assert.Contains("Coinbase typed", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_qr_code_fills_the_fields_and_names_what_it_lacked()
    {
        var client = await app.ClientAsync();
        const string Key = "d0e1f2a3-b4c5-4d6e-8f90-a1b2c3d4e5f6";
        const string Secret = "0123456789ABCDEF0123456789ABCDEF";

        using var response = await PageForms.SubmitAsync(client, "/connections/new/okx", "connect", new Dictionary<string, string>
        {
            ["Form.Label"] = "OKX scanned",
            ["Form.QrText"] = $"{{\"apiKey\":\"{Key}\",\"secretKey\":\"{Secret}\"}}",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"value=\"{Key}\"", html, StringComparison.Ordinal);
        Assert.Contains("OKX never puts the Passphrase in the QR code", html, StringComparison.Ordinal);
        Assert.Contains("field-group--missing", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OKX scanned", (await client.GetStringAsync("/exchanges")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_form_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var client = await app.ClientAsync();
        var forms = new (string Path, string Form, Dictionary<string, string> Fields)[]
        {
            ("/exchanges", "refresh", new() { ["Refresh.Id"] = app.Ids["Gate main"] }),
            (Resolve("/connections/{binance}"), "remove", new() { ["Remove.Confirmed"] = "true" }),
            (Resolve("/connections/{binance}"), "check", new() { ["Check.Run"] = "true" }),
            ("/connections/new/binance", "connect", new() { ["Form.Label"] = "Forged" }),
            ("/settings", "preferences", new() { ["Preferences.SyncMinutes"] = "60" }),
            ("/activity", "verify", new() { ["Verify.Run"] = "true" }),
        };
        var before = await ApiCalls.ConnectionsStateAsync(client);

        foreach (var (path, form, fields) in forms)
        {
            using var response = await PageForms.PostAsync(client, path, form, token: null, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/status/400", path + " " + form + " answered " + (int)response.StatusCode);
        }

        using var locking = await client.PostAsync("/lock", new FormUrlEncodedContent([]));
        Assert.Equal("/status/400", locking.Headers.Location?.OriginalString);
        Assert.Equal(before, await ApiCalls.ConnectionsStateAsync(client));
        Assert.True(app.Factory.Service<VaultAccess>().IsUnlocked);
    }

    [Fact]
    public async Task A_key_that_can_withdraw_is_kept_only_once_its_label_is_typed_and_its_secret_never_comes_back()
    {
        var client = await app.ClientAsync();
        var account = app.Unseeded;
        var fields = new Dictionary<string, string>
        {
            ["Form.Label"] = "Bitfinex risky",
            ["Form.ApiKey"] = account.ApiKey,
            ["Form.Secret"] = account.Secret,
            ["Form.Action"] = "connect",
        };

        using var refused = await PageForms.SubmitAsync(client, "/connections/new/bitfinex", "connect", fields);
        var refusedPage = await PageForms.FollowRefusalAsync(client, refused);
        fields["Form.AllowWithdrawal"] = "true";
        fields["Form.WithdrawalConfirmation"] = "Bitfinex risky";
        using var kept = await PageForms.SubmitAsync(client, "/connections/new/bitfinex", "connect", fields);
        app.Factory.Canaries.Add(account.Secret);
        var detail = await client.GetStringAsync(kept.Headers.Location!.PathAndQuery);

        Assert.Contains("id=\"withdrawal-override\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains("This key can withdraw funds", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Contains("Withdrawal enabled", detail, StringComparison.Ordinal);
        Assert.Contains("****" + account.ApiKey[^4..], detail, StringComparison.Ordinal);
    }

    private string Resolve(string path) =>
        path.Replace("{binance}", app.Ids["Binance main"], StringComparison.Ordinal).Replace("{withdraw}", app.Ids["Binance withdraw-enabled"], StringComparison.Ordinal);

    [GeneratedRegex("data-exchange=\"bittrex\" aria-disabled=\"true\">\\s*<span class=\"exchange-choice__name\">Bittrex <span class=\"tag tone-muted\">Closed</span>")]
    private static partial Regex ClosedBittrex();
}
