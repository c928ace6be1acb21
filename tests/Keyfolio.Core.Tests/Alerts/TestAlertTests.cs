using System.Text.Json;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>"Send a test alert": one alert to every channel that is on, now, not queued, each attempt audited.</summary>
public sealed class TestAlertTests
{
    [Fact]
    public async Task A_test_alert_reaches_the_webhook_and_the_mail_server_and_is_neither_queued_nor_kept()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await CoreHarness.StartAsync();
        var options = harness.Get<KeyfolioCoreOptions>().Alerts;
        options.Webhook.Url = receiver.Url;
        options.Email.Host = "127.0.0.1";
        options.Email.Port = relay.Port;
        options.Email.UserName = SmtpRelay.User;
        options.Email.From = "keyfolio@example.org";
        options.Email.To.Add("owner@example.org");
        options.Email.CertificateSha256 = relay.CertificateSha256;
        harness.Get<AlertSecrets>().SetSmtpPassword(SmtpRelay.Password);

        var results = await harness.Get<AlertDispatcher>().SendTestAsync(CancellationToken.None);

        Assert.Equal([("webhook", true), ("email", true)], results.Select(r => (r.Channel, r.Delivered)));
        using var posted = JsonDocument.Parse(Assert.Single(receiver.Received).Body);
        Assert.Equal("alert.test", posted.RootElement.GetProperty("type").GetString());
        var mail = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Assert.Single(relay.Messages).Raw));
        Assert.Equal("alert.test", mail.Headers["X-Keyfolio-Alert"]);
        Assert.Empty(await harness.Get<AlertMonitor>().ListAsync(10, unreadOnly: false, CancellationToken.None));
        var audited = await harness.Audit.ReadNewestAsync(20, null, CancellationToken.None);
        Assert.Contains(audited, e => e.Outcome == "webhook alert.test: delivered (HTTP 204)" || (e.Outcome ?? string.Empty).StartsWith("webhook alert.test: delivered", StringComparison.Ordinal));
        Assert.Contains(audited, e => (e.Outcome ?? string.Empty).StartsWith("email alert.test: delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_channel_on_nothing_is_sent()
    {
        await using var harness = await CoreHarness.StartAsync();

        var results = await harness.Get<AlertDispatcher>().SendTestAsync(CancellationToken.None);

        Assert.Empty(results);
    }
}
