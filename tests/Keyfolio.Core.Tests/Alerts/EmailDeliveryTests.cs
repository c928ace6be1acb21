using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Tests.Support;
using MimeKit;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>The e-mail channel against a real SMTP server: STARTTLS, authentication, UTF-8 Chinese text, and the refusals.</summary>
public sealed class EmailDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<CoreHarness> StartAsync(SmtpRelay relay, string? pin, string password = SmtpRelay.Password, string language = "en")
    {
        var harness = await CoreHarness.StartAsync();
        var options = harness.Get<KeyfolioCoreOptions>().Alerts;
        options.Language = language;
        options.Email.Host = "127.0.0.1";
        options.Email.Port = relay.Port;
        options.Email.Security = SmtpSecurity.StartTls;
        options.Email.UserName = SmtpRelay.User;
        options.Email.From = "keyfolio@example.org";
        options.Email.To.Add("owner@example.org");
        options.Email.CertificateSha256 = pin;
        options.Email.Validate();
        harness.Get<AlertSecrets>().SetSmtpPassword(password);
        await harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });
        return harness;
    }

    [Fact]
    public async Task Each_alert_is_mailed_over_starttls_signed_in_in_utf8_and_its_delivery_is_audited()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await StartAsync(relay, relay.CertificateSha256, language: "zh-Hans");
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);

        var delivered = await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.Equal(raised.Count, delivered);
        Assert.Equal(raised.Count, relay.Messages.Count);
        Assert.All(relay.Messages, m => Assert.Equal((true, SmtpRelay.User, "owner@example.org"), (m.Secure, m.User, Assert.Single(m.Recipients))));
        var withdraw = raised.Single(a => a.Type == AlertType.WithdrawRight);
        var messages = relay.Messages.Select(m => MimeMessage.Load(new MemoryStream(m.Raw))).ToList();
        var mail = messages.Single(m => m.Headers["X-Keyfolio-Alert"] == "key.withdraw_right");
        Assert.Equal("critical", mail.Headers["X-Keyfolio-Severity"]);
        Assert.StartsWith("Keyfolio: ", mail.Subject, StringComparison.Ordinal);
        Assert.EndsWith("Binance withdraw-enabled", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("utf-8", Assert.IsType<TextPart>(mail.Body).ContentType.Charset, ignoreCase: true);
        Assert.Contains(withdraw.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(withdraw.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("keyfolio@example.org", mail.From.Mailboxes.Single().Address);
        var account = harness.Account("Binance withdraw-enabled");
        foreach (var raw in relay.Messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Raw)))
        {
            Assert.DoesNotContain(account.ApiKey, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Secret, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(SmtpRelay.Password, raw, StringComparison.Ordinal);
        }

        var audited = await harness.Audit.ReadNewestAsync(200, null, None);
        Assert.Contains(audited, e => e.Action == Keyfolio.Vault.Audit.AuditAction.AlertDelivery && e.Outcome!.Contains("email", StringComparison.Ordinal) && e.Outcome.Contains("delivered", StringComparison.Ordinal));
        Assert.DoesNotContain(audited, e => (e.Outcome ?? string.Empty).Contains("owner@example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_expiring_is_mailed_at_seven_days_and_again_at_one_day_while_the_vault_is_locked()
    {
        await using var relay = await SmtpRelay.StartAsync();
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        var email = harness.Get<KeyfolioCoreOptions>().Alerts.Email;
        email.Host = "127.0.0.1";
        email.Port = relay.Port;
        email.UserName = SmtpRelay.User;
        email.From = "keyfolio@example.org";
        email.To.Add("owner@example.org");
        email.CertificateSha256 = relay.CertificateSha256;
        harness.Get<AlertSecrets>().SetSmtpPassword(SmtpRelay.Password);
        await harness.AddAsync("HTX expiring in 2 days");
        await harness.Vault.LockAsync();
        var monitor = harness.Get<AlertMonitor>();
        var dispatcher = harness.Get<AlertDispatcher>();

        await monitor.DetectAsync(None);
        await dispatcher.DeliverAsync(None);
        var firstRound = Expiring(relay);
        clock.Advance(TimeSpan.FromHours(36));
        await monitor.DetectAsync(None);
        await dispatcher.DeliverAsync(None);
        clock.Advance(TimeSpan.FromHours(1));
        await monitor.DetectAsync(None);
        await dispatcher.DeliverAsync(None);
        var all = Expiring(relay);

        var week = Assert.Single(firstRound);
        Assert.Equal("warning", week.Headers["X-Keyfolio-Severity"]);
        Assert.Contains("expires in 2 days", week.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("HTX expiring in 2 days", week.Subject, StringComparison.Ordinal);
        Assert.Equal(2, all.Count);
        Assert.Equal("critical", all[1].Headers["X-Keyfolio-Severity"]);
        Assert.Contains("within a day", all[1].TextBody, StringComparison.Ordinal);
    }

    private static List<MimeMessage> Expiring(SmtpRelay relay) =>
        [.. relay.Messages.Select(m => MimeMessage.Load(new MemoryStream(m.Raw))).Where(m => m.Headers["X-Keyfolio-Alert"] == "key.expiring")];

    [Fact]
    public async Task The_mail_password_reaches_no_message_log_audit_entry_or_database_file()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await StartAsync(relay, relay.CertificateSha256);
        await harness.Get<AlertMonitor>().DetectAsync(None);
        await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.NotEmpty(relay.Messages);
        Assert.All(relay.Messages, m => Assert.DoesNotContain(SmtpRelay.Password, System.Text.Encoding.UTF8.GetString(m.Raw), StringComparison.Ordinal));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain(SmtpRelay.Password, line, StringComparison.Ordinal));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain("owner@example.org", line, StringComparison.Ordinal));
        Assert.Equal("AlertSecrets(webhook: none, smtp: ***)", harness.Get<AlertSecrets>().ToString());
        Keyfolio.Core.Storage.SqlDialect.ReleasePooledConnections();
        var needle = System.Text.Encoding.UTF8.GetBytes(SmtpRelay.Password);
        foreach (var file in Directory.EnumerateFiles(harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, file + " holds the mail password.");
        }
    }

    [Fact]
    public async Task A_certificate_neither_trusted_nor_pinned_is_refused_and_nothing_is_sent()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await StartAsync(relay, pin: null);
        await harness.Get<AlertMonitor>().DetectAsync(None);

        var delivered = await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.Equal(0, delivered);
        Assert.Empty(relay.Messages);
        var audited = await harness.Audit.ReadNewestAsync(200, null, None);
        Assert.Contains(audited, e => e.Action == Keyfolio.Vault.Audit.AuditAction.AlertDelivery && e.Outcome!.Contains("SMTP certificate not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_the_server_and_said_without_the_password()
    {
        await using var relay = await SmtpRelay.StartAsync();
        await using var harness = await StartAsync(relay, relay.CertificateSha256, password: "not-the-relay-password");
        await harness.Get<AlertMonitor>().DetectAsync(None);

        var delivered = await harness.Get<AlertDispatcher>().DeliverAsync(None);

        Assert.Equal(0, delivered);
        Assert.Empty(relay.Messages);
        var audited = await harness.Audit.ReadNewestAsync(200, null, None);
        var refusal = Assert.Single(audited, e => e.Action == Keyfolio.Vault.Audit.AuditAction.AlertDelivery && e.Outcome!.Contains("SMTP refused the user name or password", StringComparison.Ordinal));
        Assert.DoesNotContain("not-the-relay-password", refusal.Outcome, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mail.example.org", SmtpSecurity.None, "keyfolio@example.org", "owner@example.org", "Security")]
    [InlineData("127.0.0.1", SmtpSecurity.StartTls, "not an address", "owner@example.org", "From")]
    [InlineData("127.0.0.1", SmtpSecurity.StartTls, "keyfolio@example.org", "nobody", "To")]
    public void Options_that_cannot_work_or_would_send_in_the_clear_are_refused_naming_the_option(string host, SmtpSecurity security, string from, string to, string option)
    {
        var email = new EmailOptions { Host = host, Security = security, From = from };
        email.To.Add(to);

        var refused = Assert.Throws<ArgumentException>(email.Validate);

        Assert.Equal(option, refused.ParamName);
    }
}
