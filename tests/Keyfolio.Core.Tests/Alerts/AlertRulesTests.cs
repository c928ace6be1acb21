using System.Globalization;
using System.Text.Json;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>The events, thresholds, quiet hours and paused channels the person chooses, kept and obeyed.</summary>
public sealed class AlertRulesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Rules_start_as_configured_and_what_the_person_saves_is_kept_for_the_next_start()
    {
        await using var harness = await CoreHarness.StartAsync();
        var options = harness.Get<KeyfolioCoreOptions>().Alerts;
        options.UnusedAfter = TimeSpan.FromDays(45);
        var service = harness.Get<AlertRulesService>();

        var configured = await service.GetAsync(None);
        var saved = await service.SaveAsync(
            configured with
            {
                Off = new HashSet<AlertType> { AlertType.KeyUnused, AlertType.BalanceStale },
                ExpiryThresholds = [TimeSpan.FromDays(1), TimeSpan.FromDays(14), TimeSpan.FromDays(3)],
                StaleAfter = TimeSpan.FromHours(6),
                UnlockFailureThreshold = 3,
                Quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/Berlin"),
                Paused = new HashSet<string>(StringComparer.Ordinal) { "email" },
            },
            None);
        var reread = await new AlertRulesService(harness.Get<SettingsStore>(), options, harness.Audit).GetAsync(None);
        var reconfigured = await new AlertRulesService(harness.Get<SettingsStore>(), new AlertOptions { UnusedAfter = TimeSpan.FromDays(60) }, harness.Audit).GetAsync(None);

        Assert.Equal(TimeSpan.FromDays(45), configured.UnusedAfter);
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(1)], configured.ExpiryThresholds);
        Assert.Null(configured.Quiet);
        Assert.True(saved.IsSuccess, saved.ToString());
        foreach (var rules in new[] { saved.Value!, reread })
        {
            Assert.Equal([AlertType.KeyUnused, AlertType.BalanceStale], rules.Off.Order());
            Assert.Equal([TimeSpan.FromDays(14), TimeSpan.FromDays(3), TimeSpan.FromDays(1)], rules.ExpiryThresholds);
            Assert.Equal((TimeSpan.FromDays(45), TimeSpan.FromHours(6), 3), (rules.UnusedAfter, rules.StaleAfter, rules.UnlockFailureThreshold));
            Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/Berlin"), rules.Quiet);
            Assert.Equal(["email"], rules.Paused);
        }

        // The unused threshold was never chosen, so it follows the configuration; what was chosen stays.
        Assert.Equal((TimeSpan.FromDays(60), TimeSpan.FromHours(6)), (reconfigured.UnusedAfter, reconfigured.StaleAfter));
    }

    [Fact]
    public async Task A_change_is_written_to_the_audit_log_with_what_changed_and_saving_the_same_rules_writes_nothing()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<AlertRulesService>();
        using var actor = AuditActor.Use("web 127.0.0.1");
        var before = await service.GetAsync(None);

        var changed = await service.ChangeAsync(new AlertRulesChange { Off = ["key.unused"], Quiet = "23:00-06:30 Asia/Tokyo", Pause = ["webhook"] }, None);
        var again = await service.SaveAsync(changed.Value!, None);
        var entries = await harness.Audit.ReadPageAsync(new AuditQuery { Action = AuditAction.AlertRulesChanged, Limit = 10 }, None);
        var verified = await harness.Audit.VerifyAsync(None);

        Assert.True(changed.IsSuccess, changed.ToString());
        Assert.True(again.IsSuccess, again.ToString());
        var entry = Assert.Single(entries);
        Assert.Equal("web 127.0.0.1", entry.Actor);
        Assert.Equal("alerts.off=key.unused; alerts.quiet=23:00-06:30 Asia/Tokyo; alerts.paused=webhook", entry.Outcome);
        Assert.True(verified.IsIntact, verified.ToString());
        Assert.True(before.IsOn(AlertType.KeyUnused));
        Assert.False(changed.Value!.IsOn(AlertType.KeyUnused));
    }

    [Theory]
    [InlineData("off", "key.withdraw_right", "off")]
    [InlineData("off", "key.nonsense", "off")]
    [InlineData("on", "key.nonsense", "on")]
    [InlineData("expiryDays", "7,x", "expiryDays")]
    [InlineData("quiet", "22:00-07:00 Nowhere/Atlantis", "quiet")]
    [InlineData("quiet", "22-07", "quiet")]
    [InlineData("pause", "sms", "pause")]
    [InlineData("unusedDays", "400", "unusedDays")]
    [InlineData("staleHours", "0", "staleHours")]
    [InlineData("unlockFailures", "101", "unlockFailures")]
    [InlineData("valueDropPercent", "91", "valueDropPercent")]
    public async Task A_change_that_cannot_be_kept_is_refused_naming_its_field_and_keeps_nothing(string property, string value, string field)
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<AlertRulesService>();
        var before = await service.GetAsync(None);
        var change = property switch
        {
            "off" => new AlertRulesChange { Off = [value], Pause = ["email"] },
            "on" => new AlertRulesChange { On = [value], Pause = ["email"] },
            "expiryDays" => new AlertRulesChange { ExpiryDays = value, Pause = ["email"] },
            "quiet" => new AlertRulesChange { Quiet = value, Pause = ["email"] },
            "pause" => new AlertRulesChange { Pause = ["email", value] },
            "unusedDays" => new AlertRulesChange { UnusedDays = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Pause = ["email"] },
            "staleHours" => new AlertRulesChange { StaleHours = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Pause = ["email"] },
            "valueDropPercent" => new AlertRulesChange { ValueDropPercent = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Pause = ["email"] },
            _ => new AlertRulesChange { UnlockFailures = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Pause = ["email"] },
        };

        var refused = await service.ChangeAsync(change, None);
        var after = await service.GetAsync(None);

        Assert.False(refused.IsSuccess);
        Assert.Equal(field, refused.Error!.Field);
        Assert.False(string.IsNullOrWhiteSpace(refused.Error.Fix.For(CultureInfo.GetCultureInfo("en"))));
        Assert.Empty(after.Paused);
        Assert.Equal(before, after, new RulesComparer());
        Assert.Empty(await harness.Audit.ReadPageAsync(new AuditQuery { Action = AuditAction.AlertRulesChanged, Limit = 10 }, None));
    }

    [Theory]
    [InlineData(AlertType.WithdrawRight, "events")]
    [InlineData(AlertType.AuditChainBroken, "events")]
    public async Task The_withdraw_right_and_the_broken_audit_log_cannot_be_turned_off(AlertType type, string field)
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<AlertRulesService>();
        var before = await service.GetAsync(None);

        var refused = await service.SaveAsync(before with { Off = new HashSet<AlertType> { AlertType.KeyUnused, type } }, None);

        Assert.False(refused.IsSuccess);
        Assert.Equal(field, refused.Error!.Field);
        Assert.Contains(AlertCodes.ToCode(type), refused.Error.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Empty((await service.GetAsync(None)).Off);
    }

    [Fact]
    public async Task Thresholds_out_of_range_are_refused_naming_the_field_and_nothing_is_kept()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<AlertRulesService>();
        var rules = await service.GetAsync(None);

        var cases = new (AlertRules Rules, string Field)[]
        {
            (rules with { ExpiryThresholds = [] }, "expiryDays"),
            (rules with { ExpiryThresholds = [TimeSpan.FromDays(400)] }, "expiryDays"),
            (rules with { ExpiryThresholds = [.. Enumerable.Range(1, 5).Select(d => TimeSpan.FromDays(d))] }, "expiryDays"),
            (rules with { UnusedAfter = TimeSpan.FromHours(3) }, "unusedDays"),
            (rules with { StaleAfter = TimeSpan.FromDays(31) }, "staleHours"),
            (rules with { UnlockFailureThreshold = 0 }, "unlockFailures"),
        };

        foreach (var (bad, field) in cases)
        {
            var refused = await service.SaveAsync(bad, None);
            Assert.Equal(field, refused.Error?.Field);
        }

        Assert.Equal(rules, await service.GetAsync(None), new RulesComparer());
        Assert.DoesNotContain((await harness.Get<SettingsStore>().GetAllAsync(None)).Keys, k => k.StartsWith("alerts.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_turned_off_raises_nothing_and_turned_on_again_alerts_if_it_still_holds()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<AlertRulesService>();
        var monitor = harness.Get<AlertMonitor>();
        await service.SaveAsync((await service.GetAsync(None)) with { Off = new HashSet<AlertType> { AlertType.KeyExpiring } }, None);
        await harness.AddAsync("HTX expiring in 2 days");

        var whileOff = await monitor.DetectAsync(None);
        await service.SaveAsync((await service.GetAsync(None)) with { Off = new HashSet<AlertType>() }, None);
        var turnedOn = await monitor.DetectAsync(None);

        Assert.DoesNotContain(whileOff, a => a.Type == AlertType.KeyExpiring);
        var expiring = Assert.Single(turnedOn, a => a.Type == AlertType.KeyExpiring);
        Assert.Equal("HTX expiring in 2 days", expiring.ConnectionLabel);
        Assert.Empty(await monitor.DetectAsync(None));
    }

    [Fact]
    public async Task The_expiry_warnings_follow_the_days_the_person_chose()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        var service = harness.Get<AlertRulesService>();
        var monitor = harness.Get<AlertMonitor>();
        var days = AlertRulesService.ParseExpiryDays("1");
        await service.SaveAsync((await service.GetAsync(None)) with { ExpiryThresholds = days.Value! }, None);
        await harness.AddAsync("HTX expiring in 2 days");

        var twoDaysBefore = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromHours(25));
        var oneDayBefore = await monitor.DetectAsync(None);

        Assert.DoesNotContain(twoDaysBefore, a => a.Type == AlertType.KeyExpiring);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(oneDayBefore, a => a.Type == AlertType.KeyExpiring).Severity);
    }

    [Fact]
    public async Task In_quiet_hours_only_critical_alerts_are_sent_and_the_others_follow_when_they_end()
    {
        var clock = new ShiftedClock();
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        harness.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = receiver.Url;
        var service = harness.Get<AlertRulesService>();
        var now = clock.GetUtcNow().UtcDateTime;
        var quiet = new QuietHours(TimeOnly.FromDateTime(now.AddHours(-1)), TimeOnly.FromDateTime(now.AddHours(1)), "UTC");
        await service.SaveAsync((await service.GetAsync(None)) with { Quiet = quiet }, None);
        await harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });
        await harness.AddAsync("HTX expiring in 2 days");
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);
        var dispatcher = harness.Get<AlertDispatcher>();

        await dispatcher.DeliverAsync(None);
        var duringQuiet = Types(receiver);
        clock.Advance(TimeSpan.FromHours(3));
        await dispatcher.DeliverAsync(None);

        Assert.Contains(raised, a => a.Severity != AlertSeverity.Critical);
        Assert.Equal(raised.Where(a => a.Severity == AlertSeverity.Critical).Select(a => AlertCodes.ToCode(a.Type)).Order(), duringQuiet.Order());
        Assert.Equal(raised.Select(a => AlertCodes.ToCode(a.Type)).Order(), Types(receiver).Order());
    }

    [Fact]
    public async Task A_paused_channel_gets_nothing_not_even_the_test_alert_and_gets_what_waits_when_resumed()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var harness = await CoreHarness.StartAsync();
        harness.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = receiver.Url;
        var service = harness.Get<AlertRulesService>();
        await service.SaveAsync((await service.GetAsync(None)) with { Paused = new HashSet<string>(StringComparer.Ordinal) { "webhook" } }, None);
        await harness.AddAsync("HTX expiring in 2 days");
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);
        var dispatcher = harness.Get<AlertDispatcher>();

        var whilePaused = await dispatcher.DeliverAsync(None);
        var tested = await dispatcher.SendTestAsync(None);
        var receivedWhilePaused = receiver.Received.Count;
        await service.SaveAsync((await service.GetAsync(None)) with { Paused = new HashSet<string>(StringComparer.Ordinal) }, None);
        var resumed = await dispatcher.DeliverAsync(None);

        Assert.NotEmpty(raised);
        Assert.Equal((0, 0), (whilePaused, receivedWhilePaused));
        Assert.Empty(tested);
        Assert.Equal(raised.Count, resumed);
        Assert.Equal(raised.Count, receiver.Received.Count);
    }

    [Fact]
    public void Warning_days_and_quiet_hours_are_read_as_people_write_them_and_bad_ones_name_their_field()
    {
        Assert.Equal([TimeSpan.FromDays(14), TimeSpan.FromDays(7), TimeSpan.FromDays(1)], AlertRulesService.ParseExpiryDays(" 7, 1 14 ").Value);
        Assert.Equal("expiryDays", AlertRulesService.ParseExpiryDays("7, x").Error!.Field);
        Assert.Equal("expiryDays", AlertRulesService.ParseExpiryDays("0").Error!.Field);
        Assert.Equal("expiryDays", AlertRulesService.ParseExpiryDays(string.Empty).Error!.Field);

        var quiet = AlertRulesService.ParseQuiet("22:00-07:00 Europe/Berlin").Value!;
        Assert.Equal("22:00-07:00", quiet.Span);
        Assert.True(quiet.Contains(new DateTimeOffset(2026, 12, 7, 22, 30, 0, TimeSpan.Zero)));
        Assert.True(quiet.Contains(new DateTimeOffset(2026, 12, 7, 5, 59, 0, TimeSpan.Zero)));
        Assert.False(quiet.Contains(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero)));
        Assert.False(quiet.Contains(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("UTC", AlertRulesService.ParseQuiet("9:00-17:30", "UTC").Value!.TimeZoneId);
        Assert.Equal("quietHours", AlertRulesService.ParseQuiet("22-07 UTC").Error!.Field);
        Assert.Equal("quietHours", AlertRulesService.ParseQuiet("08:00-08:00 UTC").Error!.Field);
        Assert.Equal("quietZone", AlertRulesService.ParseQuiet("22:00-07:00 Mars/Olympus").Error!.Field);
        Assert.Equal("quietZone", AlertRulesService.ParseQuiet("22:00-07:00").Error!.Field);
    }

    private static List<string> Types(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!)];

    private sealed class RulesComparer : IEqualityComparer<AlertRules>
    {
        public bool Equals(AlertRules? x, AlertRules? y) =>
            x is not null && y is not null && x.Off.SetEquals(y.Off) && x.ExpiryThresholds.SequenceEqual(y.ExpiryThresholds) && x.UnusedAfter == y.UnusedAfter
            && x.StaleAfter == y.StaleAfter && x.UnlockFailureThreshold == y.UnlockFailureThreshold && x.Quiet == y.Quiet && x.Paused.SetEquals(y.Paused)
            && x.ValueDropPercent == y.ValueDropPercent && x.IncludeFigures == y.IncludeFigures;

        public int GetHashCode(AlertRules obj) => obj.UnlockFailureThreshold;
    }
}
