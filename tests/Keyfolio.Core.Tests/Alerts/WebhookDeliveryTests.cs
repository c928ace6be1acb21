using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.Alerts;

public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec-canary-7f3a9b21c4d5e6f7";
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<CoreHarness> StartAsync(WebhookReceiver receiver, TimeProvider? time = null, WebhookPreset preset = WebhookPreset.Json, string language = "en")
    {
        var harness = await CoreHarness.StartAsync(time: time);
        var options = harness.Get<KeyfolioCoreOptions>().Alerts;
        options.Webhook.Url = receiver.Url;
        options.Webhook.Preset = preset;
        options.Language = language;
        harness.Get<AlertSecrets>().SetWebhookSecret(Secret);
        return harness;
    }

    private static Task AddWithdrawKeyAsync(CoreHarness harness) =>
        harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });

    [Fact]
    public async Task Each_alert_is_posted_as_signed_json_the_receiver_verifies_and_its_delivery_is_audited_without_its_text()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await StartAsync(receiver);
        await AddWithdrawKeyAsync(harness);
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);

        var delivered = await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.Equal(raised.Count, delivered);
        Assert.Equal(raised.Count, receiver.Received.Count);
        foreach (var request in receiver.Received)
        {
            Assert.Equal(("POST", "/hooks/keyfolio"), (request.Method, request.Path));
            Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
            Assert.Equal(expected, request.Headers[WebhookChannel.SignatureHeader]);
            Assert.True(long.TryParse(request.Headers[WebhookChannel.TimestampHeader], out var seconds) && seconds > 1_700_000_000);
            using var json = JsonDocument.Parse(request.Body);
            Assert.Equal(["type", "severity", "connection", "exchange", "message", "fix", "at"], json.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var withdraw = raised.Single(a => a.Type == AlertType.WithdrawRight);
        var body = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(e => e.GetProperty("type").GetString() == "key.withdraw_right");
        Assert.Equal("critical", body.GetProperty("severity").GetString());
        Assert.Equal("Binance withdraw-enabled", body.GetProperty("connection").GetString());
        Assert.Equal("Binance", body.GetProperty("exchange").GetString());
        Assert.Equal(withdraw.Message.For(CultureInfo.GetCultureInfo("en")), body.GetProperty("message").GetString());
        Assert.Equal(withdraw.Fix.For(CultureInfo.GetCultureInfo("en")), body.GetProperty("fix").GetString());
        Assert.Equal(withdraw.At, DateTimeOffset.Parse(body.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));

        var entries = await harness.Audit.ReadPageAsync(new AuditQuery { Action = AuditAction.AlertDelivery, Limit = 100 }, None);
        Assert.Equal(raised.Count, entries.Count);
        Assert.All(entries, e => Assert.Contains("delivered", e.Outcome, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(receiver.Url.Authority, e.Outcome!, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("withdraw funds", e.Outcome!, StringComparison.Ordinal));
        Assert.True((await harness.Audit.VerifyAsync(None)).IsIntact);
        Assert.Equal(0, await harness.Get<AlertDispatcher>().DeliverAsync(None));
        Assert.Equal(raised.Count, receiver.Received.Count);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_growing_waits_until_it_accepts()
    {
        var clock = new ShiftedClock();
        await using var receiver = WebhookReceiver.Start();
        receiver.Answer = n => n < 2 ? 500 : 200;
        await using var harness = await StartAsync(receiver, clock);
        await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetPermissions("gate", harness.Account("Gate main").ApiKey, ["read", "withdraw"]);
        await harness.Sync.RefreshAllAsync(None);
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);
        var dispatcher = harness.Get<AlertDispatcher>();

        var first = await dispatcher.DeliverAsync(None);
        var atOnce = await dispatcher.DeliverAsync(None);
        var retryAt = await dispatcher.NextRetryAsync(None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var second = await dispatcher.DeliverAsync(None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var early = await dispatcher.DeliverAsync(None);
        var requestsBefore = receiver.Received.Count;
        clock.Advance(TimeSpan.FromSeconds(30));
        var third = await dispatcher.DeliverAsync(None);

        Assert.Single(raised);
        Assert.Equal((0, 0, 0, 0, 1), (first, atOnce, second, early, third));
        Assert.NotNull(retryAt);
        Assert.Equal(2, requestsBefore);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Body, receiver.Received[2].Body);
        var outcomes = (await harness.Audit.ReadPageAsync(new AuditQuery { Action = AuditAction.AlertDelivery, Limit = 10 }, None)).Select(e => e.Outcome!).Reverse().ToList();
        Assert.Equal(3, outcomes.Count);
        Assert.Contains("failed (HTTP 500), next attempt at", outcomes[0], StringComparison.Ordinal);
        Assert.Contains("failed (HTTP 500)", outcomes[1], StringComparison.Ordinal);
        Assert.Contains("delivered (HTTP 200)", outcomes[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_never_holds_up_the_sync()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await StartAsync(receiver);
        await AddWithdrawKeyAsync(harness);
        await harness.Get<AlertMonitor>().DetectAsync(None);

        var delivering = harness.Get<AlertDispatcher>().DeliverAsync(None);
        await receiver.WaitForAsync(1, TimeSpan.FromMinutes(1));
        var outcomes = await harness.Sync.RefreshAllAsync(None);

        Assert.False(delivering.IsCompleted);
        Assert.NotEmpty(outcomes);
        receiver.Hold.SetResult();
        Assert.True(await delivering.WaitAsync(TimeSpan.FromMinutes(1)) > 0);
    }

    [Theory]
    [InlineData(WebhookPreset.Slack, "text", "*Keyfolio: Key can withdraw*")]
    [InlineData(WebhookPreset.Discord, "content", "**Keyfolio: Key can withdraw**")]
    public async Task Slack_and_discord_presets_post_the_same_event_in_their_form(WebhookPreset preset, string field, string title)
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await StartAsync(receiver, preset: preset);
        await AddWithdrawKeyAsync(harness);
        var alert = (await harness.Get<AlertMonitor>().DetectAsync(None)).Single(a => a.Type == AlertType.WithdrawRight);

        await harness.Get<AlertDispatcher>().DeliverAsync(None);

        var text = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(e => Assert.Single(e.EnumerateObject(), p => p.Name == field).Value.GetString()!)
            .Single(t => t.Contains("withdraw", StringComparison.Ordinal) && t.StartsWith(title, StringComparison.Ordinal));
        Assert.Contains(alert.Message.For(CultureInfo.GetCultureInfo("en")), text, StringComparison.Ordinal);
        Assert.Contains(alert.Fix.For(CultureInfo.GetCultureInfo("en")), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ntfy_preset_posts_chinese_text_with_priority_and_tags()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await StartAsync(receiver, preset: WebhookPreset.Ntfy, language: "zh-Hans");
        await AddWithdrawKeyAsync(harness);
        var alert = (await harness.Get<AlertMonitor>().DetectAsync(None)).Single(a => a.Type == AlertType.WithdrawRight);

        await harness.Get<AlertDispatcher>().DeliverAsync(None);

        var request = receiver.Received.Single(r => Encoding.UTF8.GetString(r.Body).Contains(alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal));
        Assert.Equal("text/plain; charset=utf-8", request.ContentType);
        Assert.Equal("Keyfolio: 密钥可以提币\n" + alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")) + "\n" + alert.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), Encoding.UTF8.GetString(request.Body));
        Assert.Equal(("5", "rotating_light"), (request.Headers["Priority"], request.Headers["Tags"]));
    }

    [Fact]
    public async Task The_webhook_secret_reaches_no_body_log_audit_entry_or_database_file()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await StartAsync(receiver);
        await AddWithdrawKeyAsync(harness);
        await harness.Get<AlertMonitor>().DetectAsync(None);
        await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.NotEmpty(receiver.Received);
        Assert.All(receiver.Received, r => Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(r.Body) + string.Join("\n", r.Headers.Values), StringComparison.Ordinal));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain("/hooks/keyfolio", line, StringComparison.Ordinal));
        Assert.Equal("AlertSecrets(webhook: ***, smtp: none)", harness.Get<AlertSecrets>().ToString());
        Keyfolio.Core.Storage.SqlDialect.ReleasePooledConnections();
        foreach (var file in Directory.EnumerateFiles(harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)) < 0, file);
        }
    }
}
