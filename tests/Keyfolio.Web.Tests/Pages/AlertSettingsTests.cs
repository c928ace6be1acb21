using System.Net;
using System.Net.Sockets;
using Keyfolio.Core;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

/// <summary>The Settings page's alerts card: each channel as configured, never a webhook's whole address, and the test alert.</summary>
public sealed class AlertSettingsTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task With_no_channel_on_the_card_says_how_to_turn_each_on_and_the_test_sends_nothing()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var page = await client.GetStringAsync("/settings");
        using var tested = await PageForms.SubmitAsync(client, "/settings", "alerts-test");
        var html = await tested.Content.ReadAsStringAsync();

        Assert.Contains("data-channel=\"webhook\" data-on=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains("KEYFOLIO_ALERTS__WEBHOOK__URL", page, StringComparison.Ordinal);
        Assert.Contains("KEYFOLIO_ALERTS__SMTP__HOST", page, StringComparison.Ordinal);
        Assert.Contains("No channel is on, so no test alert was sent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_to_a_webhook_that_does_not_answer_is_shown_failed_and_the_address_path_is_never_shown()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var client = await _factory.CreateSignedInClientAsync();
        _factory.Service<KeyfolioCoreOptions>().Alerts.Webhook.Url = new Uri($"http://127.0.0.1:{port}/services/T0/B0/tok3n-in-path");

        var page = await client.GetStringAsync("/settings");
        using var tested = await PageForms.SubmitAsync(client, "/settings", "alerts-test");
        var html = await tested.Content.ReadAsStringAsync();

        Assert.Contains("data-channel=\"webhook\" data-on=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}", page, StringComparison.Ordinal);
        Assert.Contains("not signed", page, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"webhook\" data-delivered=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("no answer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n-in-path", page + html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_secret_stored_from_the_page_is_kept_in_the_vault_never_shown_and_removed_again()
    {
        const string Secret = "whsec-page-canary-91c2d3e4f5";
        using var client = await _factory.CreateSignedInClientAsync();
        _factory.Service<KeyfolioCoreOptions>().Alerts.Webhook.Url = new Uri("http://127.0.0.1:9/hook");
        var secrets = _factory.Service<Keyfolio.Core.Alerts.AlertChannelSecrets>();

        using var stored = await PageForms.SubmitAsync(client, "/settings", "alert-secret", new Dictionary<string, string> { ["ChannelSecret.Channel"] = "webhook", ["ChannelSecret.Secret"] = Secret, ["ChannelSecret.Action"] = "store" });
        var storedHtml = await stored.Content.ReadAsStringAsync();
        var state = await secrets.StateAsync("webhook", CancellationToken.None);
        using var refused = await PageForms.SubmitAsync(client, "/settings", "alert-secret", new Dictionary<string, string> { ["ChannelSecret.Channel"] = "email", ["ChannelSecret.Secret"] = "two words", ["ChannelSecret.Action"] = "store" });
        var refusedHtml = System.Net.WebUtility.HtmlDecode(await PageForms.FollowRefusalAsync(client, refused));
        using var removed = await PageForms.SubmitAsync(client, "/settings", "alert-secret", new Dictionary<string, string> { ["ChannelSecret.Channel"] = "webhook", ["ChannelSecret.Action"] = "remove" });
        var removedHtml = await removed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Contains("id=\"alert-secret-done\"", storedHtml, StringComparison.Ordinal);
        Assert.Contains("data-secret=\"Vault\"", storedHtml, StringComparison.Ordinal);
        Assert.Contains("signed with the secret kept in the vault", storedHtml, StringComparison.Ordinal);
        Assert.Equal(Keyfolio.Core.Alerts.ChannelSecretState.Vault, state);
        Assert.Contains("contains spaces or line breaks", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("two words", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(Keyfolio.Core.Alerts.ChannelSecretState.None, await secrets.StateAsync("email", CancellationToken.None));
        Assert.Contains("data-secret=\"None\"", removedHtml, StringComparison.Ordinal);
        Assert.Equal(Keyfolio.Core.Alerts.ChannelSecretState.None, await secrets.StateAsync("webhook", CancellationToken.None));
        Assert.DoesNotContain(Secret, storedHtml + refusedHtml + removedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_entered_on_the_page_is_kept_in_the_vault_shown_by_host_only_and_removed_again()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        var secrets = _factory.Service<Keyfolio.Core.Alerts.AlertChannelSecrets>();

        using var refused = await PageForms.SubmitAsync(client, "/settings", "alert-webhook", new Dictionary<string, string> { ["WebhookForm.Url"] = "hooks.example.org/x", ["WebhookForm.Preset"] = "Json", ["WebhookForm.Action"] = "save" });
        var refusedHtml = System.Net.WebUtility.HtmlDecode(await PageForms.FollowRefusalAsync(client, refused));
        using var saved = await PageForms.SubmitAsync(client, "/settings", "alert-webhook", new Dictionary<string, string> { ["WebhookForm.Url"] = "https://hooks.example.org/services/T0/B0/s3cr3t-path", ["WebhookForm.Preset"] = "Slack", ["WebhookForm.Action"] = "save" });
        var savedHtml = await saved.Content.ReadAsStringAsync();
        var stored = await secrets.WebhookAsync(CancellationToken.None);
        using var removed = await PageForms.SubmitAsync(client, "/settings", "alert-webhook", new Dictionary<string, string> { ["WebhookForm.Preset"] = "Json", ["WebhookForm.Action"] = "remove" });
        var removedHtml = await removed.Content.ReadAsStringAsync();

        Assert.Contains("not an absolute http or https URL", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.example.org/x", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-webhook-done\"", savedHtml, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"webhook\" data-on=\"true\" data-source=\"Vault\"", savedHtml, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.org (slack)", savedHtml, StringComparison.Ordinal);
        Assert.Equal(new Keyfolio.Core.Alerts.StoredWebhook(Keyfolio.Core.Alerts.ChannelSecretState.Vault, "https://hooks.example.org", Keyfolio.Core.Alerts.WebhookPreset.Slack), stored);
        Assert.Contains("data-channel=\"webhook\" data-on=\"false\" data-source=\"None\"", removedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-path", refusedHtml + savedHtml + removedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_server_entered_on_the_page_is_kept_and_shown_and_a_bad_sender_is_refused_with_the_typed_values_kept()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        Dictionary<string, string> Form(string from) => new()
        {
            ["EmailForm.Host"] = "smtp.example.org",
            ["EmailForm.Port"] = "587",
            ["EmailForm.Security"] = "StartTls",
            ["EmailForm.UserName"] = "alerts",
            ["EmailForm.From"] = from,
            ["EmailForm.To"] = "owner@example.org, desk@example.org",
            ["EmailForm.Action"] = "save",
        };

        using var refused = await PageForms.SubmitAsync(client, "/settings", "alert-email", Form("nobody"));
        var refusedHtml = System.Net.WebUtility.HtmlDecode(await PageForms.FollowRefusalAsync(client, refused));
        using var saved = await PageForms.SubmitAsync(client, "/settings", "alert-email", Form("keyfolio@example.org"));
        var page = await client.GetStringAsync("/settings");
        var shown = await _factory.Service<Keyfolio.Core.Alerts.AlertChannelSecrets>().EmailAsync(CancellationToken.None);

        Assert.Contains("The sender must be an e-mail address", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"smtp.example.org\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"nobody\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-email-done\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-channel=\"email\" data-on=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("through smtp.example.org:587 (starttls) to 2 recipient(s)", page, StringComparison.Ordinal);
        Assert.Equal(["owner@example.org", "desk@example.org"], shown.Email!.To);
    }

    [Fact]
    public async Task Saving_the_address_discovery_url_redirects_so_a_reload_does_not_post_it_again()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var saved = await PageForms.SubmitAsync(client, "/settings", "egress", new Dictionary<string, string> { ["Echo.Url"] = "https://api.ipify.org", ["Echo.Discover"] = "false" });
        var after = await client.GetStringAsync(saved.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/settings?saved=egress", saved.Headers.Location.PathAndQuery);
        Assert.Contains("id=\"egress-note\"", after, StringComparison.Ordinal);
        Assert.Contains("value=\"https://api.ipify.org/\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_chosen_on_the_page_are_kept_and_shown_again_after_the_redirect()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        _factory.Service<KeyfolioCoreOptions>().Alerts.Webhook.Url = new Uri("http://127.0.0.1:9/hook");
        var before = await client.GetStringAsync("/settings");

        using var saved = await PageForms.SubmitAsync(client, "/settings", "alert-rules", RulesForm(on: ["key.failing", "key.expiring", "key.trade_right"], expiryDays: "14, 2", quiet: true, channels: [], valueDrop: "15", figures: true));
        var after = await client.GetStringAsync(saved.Headers.Location!.PathAndQuery);
        var rules = await _factory.Service<Keyfolio.Core.Alerts.AlertRulesService>().GetAsync(CancellationToken.None);

        Assert.Contains("value=\"key.unused\" checked", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/settings?saved=alerts", saved.Headers.Location.PathAndQuery);
        Assert.Contains("id=\"alert-rules-saved\"", after, StringComparison.Ordinal);
        Assert.Equal(
            [Keyfolio.Core.Alerts.AlertType.KeyRecovered, Keyfolio.Core.Alerts.AlertType.TransferRight, Keyfolio.Core.Alerts.AlertType.KeyUnused, Keyfolio.Core.Alerts.AlertType.BalanceIncomplete, Keyfolio.Core.Alerts.AlertType.BalanceStale, Keyfolio.Core.Alerts.AlertType.UnlockFailures],
            rules.Off.Order());
        Assert.Equal([TimeSpan.FromDays(14), TimeSpan.FromDays(2)], rules.ExpiryThresholds);
        Assert.Equal((TimeSpan.FromDays(40), TimeSpan.FromHours(12), 4), (rules.UnusedAfter, rules.StaleAfter, rules.UnlockFailureThreshold));
        Assert.Equal("23:00-06:30 Asia/Tokyo", rules.Quiet!.Span + " " + rules.Quiet.TimeZoneId);
        Assert.Equal(["webhook"], rules.Paused);
        Assert.Equal((15, true), (rules.ValueDropPercent, rules.IncludeFigures));
        Assert.Contains("id=\"alert-value-drop\" name=\"Rules.ValueDrop\" type=\"number\" min=\"1\" max=\"90\" class=\"field__input\" value=\"15\"", after, StringComparison.Ordinal);
        Assert.Contains("value=\"true\" checked id=\"alert-figures\"", after, StringComparison.Ordinal);
        Assert.Contains("value=\"14, 2\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"key.unused\" checked", after, StringComparison.Ordinal);
        Assert.Contains("value=\"key.trade_right\" checked", after, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Asia/Tokyo\" selected", after, StringComparison.Ordinal);
        Assert.Contains("name=\"alert-channel\" value=\"webhook\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"webhook\" checked", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_alert_rules_are_refused_in_place_naming_the_field_with_what_was_typed_kept()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var refused = await PageForms.SubmitAsync(client, "/settings", "alert-rules", RulesForm(on: ["key.failing"], expiryDays: "7, soon", quiet: false, channels: []));
        var html = await PageForms.FollowRefusalAsync(client, refused);
        var rules = await _factory.Service<Keyfolio.Core.Alerts.AlertRulesService>().GetAsync(CancellationToken.None);

        Assert.Contains("is not a number of days from 1 to 365", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"7, soon\"", html, StringComparison.Ordinal);
        Assert.Empty(rules.Off);
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(1)], rules.ExpiryThresholds);
    }

    [Fact]
    public async Task An_empty_value_drop_keeps_that_alert_off_and_one_out_of_range_is_refused_naming_it()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var empty = await PageForms.SubmitAsync(client, "/settings", "alert-rules", RulesForm(on: ["key.failing"], expiryDays: "7", quiet: false, channels: [], valueDrop: string.Empty, figures: false));
        var afterEmpty = await _factory.Service<Keyfolio.Core.Alerts.AlertRulesService>().GetAsync(CancellationToken.None);
        using var tooMuch = await PageForms.SubmitAsync(client, "/settings", "alert-rules", RulesForm(on: ["key.failing"], expiryDays: "7", quiet: false, channels: [], valueDrop: "95", figures: false));
        var html = System.Net.WebUtility.HtmlDecode(await PageForms.FollowRefusalAsync(client, tooMuch));
        var afterRefused = await _factory.Service<Keyfolio.Core.Alerts.AlertRulesService>().GetAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        Assert.Null(afterEmpty.ValueDropPercent);
        Assert.False(afterEmpty.IsOn(Keyfolio.Core.Alerts.AlertType.ValueDrop));
        Assert.Contains("1 to 90 per cent", html, StringComparison.Ordinal);
        Assert.Contains("value=\"95\"", html, StringComparison.Ordinal);
        Assert.Null(afterRefused.ValueDropPercent);
    }

    private static List<KeyValuePair<string, string>> RulesForm(string[] on, string expiryDays, bool quiet, string[] channels, string valueDrop = "", bool figures = false)
    {
        var fields = on.Select(code => new KeyValuePair<string, string>("alert-event", code)).ToList();
        fields.AddRange(channels.Select(channel => new KeyValuePair<string, string>("alert-channel", channel)));
        fields.Add(new("Rules.ExpiryDays", expiryDays));
        fields.Add(new("Rules.UnusedDays", "40"));
        fields.Add(new("Rules.StaleHours", "12"));
        fields.Add(new("Rules.UnlockFailures", "4"));
        fields.Add(new("Rules.QuietFrom", "23:00"));
        fields.Add(new("Rules.QuietTo", "06:30"));
        fields.Add(new("Rules.QuietZone", "Asia/Tokyo"));
        fields.Add(new("Rules.ValueDrop", valueDrop));
        if (figures)
        {
            fields.Add(new("Rules.Figures", "true"));
        }

        if (quiet)
        {
            fields.Add(new("Rules.Quiet", "true"));
        }

        return fields;
    }

    [Fact]
    public async Task The_okx_fast_api_client_secret_typed_on_settings_is_stored_in_the_vault_and_never_shown()
    {
        const string Secret = "okx-client-secret-page-canary-5e6f";
        using var client = await _factory.CreateSignedInClientAsync();

        using var saved = await PageForms.SubmitAsync(client, "/settings", "fast-settings", new Dictionary<string, string> { ["Fast.ClientId"] = "client-7", ["Fast.ClientSecret"] = Secret, ["Fast.Action"] = "save" });
        var settings = await _factory.Service<Keyfolio.Core.FastConnect.OkxFastConnectService>().GetSettingsAsync(CancellationToken.None);
        var page = await client.GetStringAsync("/settings");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("client-7", settings.ClientId);
        Assert.True(settings.ClientSecretStored);
        Assert.DoesNotContain(Secret, page, StringComparison.Ordinal);
    }
}
