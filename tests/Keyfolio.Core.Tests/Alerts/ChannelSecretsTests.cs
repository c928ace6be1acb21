using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>
/// The channels' secrets kept in the vault: used while it is unlocked, the channel waiting while it is locked, never
/// written anywhere in clear, and a secret from the environment winning without the vault.
/// </summary>
public sealed class ChannelSecretsTests
{
    private const string Secret = "whsec-vault-canary-5b7d9e1f3a";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_webhook_secret_in_the_vault_signs_while_unlocked_its_alerts_wait_while_locked_and_removal_stops_signing()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await CoreHarness.StartAsync();
        harness.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = receiver.Url;
        var secrets = harness.Get<AlertChannelSecrets>();
        var dispatcher = harness.Get<AlertDispatcher>();
        var monitor = harness.Get<AlertMonitor>();
        var before = await secrets.StateAsync(WebhookChannel.ChannelName, None);

        var stored = await secrets.StoreAsync(WebhookChannel.ChannelName, "  " + Secret + "\n", None);
        var unlockedState = await secrets.StateAsync(WebhookChannel.ChannelName, None);
        await harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });
        await harness.Vault.LockAsync();
        var lockedState = await secrets.StateAsync(WebhookChannel.ChannelName, None);
        var raised = await monitor.DetectAsync(None);
        var whileLocked = await dispatcher.DeliverAsync(None);
        var testWhileLocked = await dispatcher.SendTestAsync(None);
        var receivedWhileLocked = receiver.Received.Count;
        var unlocked = await harness.Vault.UnlockAsync(CoreHarness.Password, None);
        var afterUnlock = await dispatcher.DeliverAsync(None);

        Assert.Equal(ChannelSecretState.None, before);
        Assert.True(stored.IsSuccess, stored.ToString());
        Assert.Equal(ChannelSecretState.Vault, unlockedState);
        Assert.Equal(ChannelSecretState.VaultLocked, lockedState);
        Assert.NotEmpty(raised);
        Assert.Equal(0, whileLocked);
        Assert.Equal((WebhookChannel.ChannelName, false, AlertDispatcher.WaitsForVault), Assert.Single(testWhileLocked));
        Assert.Equal(0, receivedWhileLocked);
        Assert.True(unlocked.IsSuccess);
        Assert.Equal(raised.Count, afterUnlock);
        Assert.All(receiver.Received, request => Assert.Equal(
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body)),
            request.Headers[WebhookChannel.SignatureHeader]));

        var removed = await secrets.RemoveAsync(WebhookChannel.ChannelName, None);
        var tested = await dispatcher.SendTestAsync(None);
        var entries = await harness.Audit.ReadNewestAsync(500, "alert-webhook-secret", None);

        Assert.True(removed.IsSuccess);
        Assert.Equal(ChannelSecretState.None, await secrets.StateAsync(WebhookChannel.ChannelName, None));
        Assert.True(Assert.Single(tested).Delivered);
        Assert.False(receiver.Received[^1].Headers.ContainsKey(WebhookChannel.SignatureHeader));
        Assert.Equal([AuditAction.CredentialAdded, AuditAction.CredentialRemoved], entries.Select(e => e.Action).Reverse());
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
        Keyfolio.Core.Storage.SqlDialect.ReleasePooledConnections();
        foreach (var file in Directory.EnumerateFiles(harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)) < 0, file + " holds the webhook secret in clear.");
        }
    }

    [Fact]
    public async Task A_webhook_kept_in_the_vault_is_posted_to_while_unlocked_waits_while_locked_and_the_configured_one_wins()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var other = WebhookReceiver.Start();
        await using var harness = await CoreHarness.StartAsync();
        var secrets = harness.Get<AlertChannelSecrets>();
        var dispatcher = harness.Get<AlertDispatcher>();
        var url = receiver.Url + "?token=T0K3N-in-query";

        var refused = await secrets.SaveWebhookAsync("ftp://example.org/hook", WebhookPreset.Json, None);
        var saved = await secrets.SaveWebhookAsync(url, WebhookPreset.Ntfy, None);
        var shown = await secrets.WebhookAsync(None);
        await harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });
        await harness.Vault.LockAsync();
        var locked = await secrets.WebhookAsync(None);
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);
        var whileLocked = await dispatcher.DeliverAsync(None);
        await harness.Vault.UnlockAsync(CoreHarness.Password, None);
        var afterUnlock = await dispatcher.DeliverAsync(None);
        harness.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = other.Url;
        var configured = await secrets.WebhookAsync(None);
        var overridden = await secrets.SaveWebhookAsync(url, WebhookPreset.Json, None);
        var tested = await dispatcher.SendTestAsync(None);

        Assert.Equal("url", refused.Error?.Field);
        Assert.True(saved.IsSuccess, saved.ToString());
        Assert.Equal(new StoredWebhook(ChannelSecretState.Vault, receiver.Url.Scheme + "://" + receiver.Url.Authority, WebhookPreset.Ntfy), shown);
        Assert.Equal(ChannelSecretState.VaultLocked, locked.Source);
        Assert.Null(locked.Host);
        Assert.Equal(0, whileLocked);
        Assert.Equal(raised.Count, afterUnlock);
        Assert.Equal(raised.Count, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.StartsWith("text/plain", r.ContentType, StringComparison.Ordinal));
        Assert.Equal(ChannelSecretState.Environment, configured.Source);
        Assert.Equal("url", overridden.Error?.Field);
        Assert.True(Assert.Single(tested).Delivered);
        Assert.Single(other.Received);
        Assert.Equal(raised.Count, receiver.Received.Count);
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain("T0K3N", line, StringComparison.Ordinal));
        Assert.DoesNotContain(await harness.Audit.ReadNewestAsync(500, null, None), e => (e.Outcome ?? string.Empty).Contains("T0K3N", StringComparison.Ordinal));
        Keyfolio.Core.Storage.SqlDialect.ReleasePooledConnections();
        foreach (var file in Directory.EnumerateFiles(harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("T0K3N-in-query")) < 0, file + " holds the webhook address in clear.");
        }
    }

    [Fact]
    public async Task The_mail_password_in_the_vault_signs_in_to_a_real_smtp_server()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await CoreHarness.StartAsync();
        var email = harness.Get<KeyfolioCoreOptions>().Alerts.Email;
        email.Host = "127.0.0.1";
        email.Port = relay.Port;
        email.UserName = SmtpRelay.User;
        email.From = "keyfolio@example.org";
        email.To.Add("owner@example.org");
        email.CertificateSha256 = relay.CertificateSha256;

        var stored = await harness.Get<AlertChannelSecrets>().StoreAsync(EmailChannel.ChannelName, SmtpRelay.Password, None);
        var tested = await harness.Get<AlertDispatcher>().SendTestAsync(None);

        Assert.True(stored.IsSuccess, stored.ToString());
        var result = Assert.Single(tested);
        Assert.True(result.Delivered, result.Outcome);
        Assert.Single(relay.Messages);
    }

    [Fact]
    public async Task A_mail_server_set_on_settings_is_mailed_through_with_the_vaults_password_and_a_bad_one_is_refused_by_field()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await CoreHarness.StartAsync();
        var secrets = harness.Get<AlertChannelSecrets>();
        EmailOptions Mail(string from)
        {
            var email = new EmailOptions { Host = "127.0.0.1", Port = relay.Port, UserName = SmtpRelay.User, From = from, CertificateSha256 = relay.CertificateSha256 };
            email.To.Add("owner@example.org");
            return email;
        }

        var refused = await secrets.SaveEmailAsync(Mail("not an address"), None);
        var before = await secrets.EmailAsync(None);
        var saved = await secrets.SaveEmailAsync(Mail("keyfolio@example.org"), None);
        await secrets.StoreAsync(AlertChannelSecrets.Email, SmtpRelay.Password, None);
        var shown = await secrets.EmailAsync(None);
        var tested = await harness.Get<AlertDispatcher>().SendTestAsync(None);
        await secrets.RemoveEmailAsync(None);
        var afterRemove = await harness.Get<AlertDispatcher>().SendTestAsync(None);

        Assert.Equal("from", refused.Error?.Field);
        Assert.Contains("发件人", refused.Error!.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(ChannelSecretState.None, before.Source);
        Assert.True(saved.IsSuccess, saved.ToString());
        Assert.Equal((ChannelSecretState.Settings, "127.0.0.1"), (shown.Source, shown.Email?.Host));
        var result = Assert.Single(tested);
        Assert.True(result.Delivered, result.Outcome);
        var mail = Assert.Single(relay.Messages);
        Assert.Equal((true, SmtpRelay.User), (mail.Secure, mail.User));
        Assert.Empty(afterRemove);
    }

    [Fact]
    public async Task A_secret_from_the_environment_wins_and_needs_no_unlocked_vault()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await CoreHarness.StartAsync();
        harness.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = receiver.Url;
        var secrets = harness.Get<AlertChannelSecrets>();
        await secrets.StoreAsync(WebhookChannel.ChannelName, "stored-in-the-vault", None);
        harness.Get<AlertSecrets>().SetWebhookSecret(Secret);
        await harness.Vault.LockAsync();

        var state = await secrets.StateAsync(WebhookChannel.ChannelName, None);
        var tested = await harness.Get<AlertDispatcher>().SendTestAsync(None);

        Assert.Equal(ChannelSecretState.Environment, state);
        Assert.True(Assert.Single(tested).Delivered);
        Assert.Equal(
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), receiver.Received[^1].Body)),
            receiver.Received[^1].Headers[WebhookChannel.SignatureHeader]);
    }

    [Fact]
    public async Task An_export_carries_the_channel_secret_but_an_import_elsewhere_leaves_it_out_and_adds_the_connections()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Gate main");
        await source.Get<AlertChannelSecrets>().StoreAsync(AlertChannelSecrets.Webhook, Secret, None);
        var exported = await source.Transfer.ExportAsync(CoreHarness.Password, "export-password-for-the-test-1", None);
        await using var target = await CoreHarness.StartAsync();

        var imported = await target.Transfer.ImportAsync(exported.Value!, "export-password-for-the-test-1", None);

        Assert.True(imported.IsSuccess, imported.ToString());
        Assert.Equal(["Gate main"], imported.Value!.Added);
        Assert.Equal(ChannelSecretState.None, await target.Get<AlertChannelSecrets>().StateAsync(AlertChannelSecrets.Webhook, None));
        Assert.Equal(ChannelSecretState.Vault, await source.Get<AlertChannelSecrets>().StateAsync(AlertChannelSecrets.Webhook, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public async Task A_secret_that_cannot_be_one_is_refused_naming_the_field_and_nothing_is_stored(string secret)
    {
        await using var harness = await CoreHarness.StartAsync();
        var secrets = harness.Get<AlertChannelSecrets>();

        var refused = await secrets.StoreAsync(WebhookChannel.ChannelName, secret, None);

        Assert.False(refused.IsSuccess);
        Assert.Equal("secret", refused.Error!.Field);
        Assert.Equal(ChannelSecretState.None, await secrets.StateAsync(WebhookChannel.ChannelName, None));
    }

    [Fact]
    public async Task Storing_a_secret_needs_the_vault_unlocked()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.Vault.LockAsync();

        var refused = await harness.Get<AlertChannelSecrets>().StoreAsync(EmailChannel.ChannelName, "mail-password-1", None);

        Assert.Equal(CoreErrorKind.VaultLocked, refused.Error?.Kind);
    }
}
