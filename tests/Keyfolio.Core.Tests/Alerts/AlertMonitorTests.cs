using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Alerts;

public sealed class AlertMonitorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_key_that_starts_failing_raises_one_alert_however_many_syncs_see_it_and_one_when_it_works_again()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");
        var monitor = harness.Get<AlertMonitor>();
        Assert.DoesNotContain(await monitor.DetectAsync(None), a => a.Type is AlertType.KeyFailing or AlertType.KeyRecovered);
        var key = harness.Account("Gate main").ApiKey;

        harness.Simulator.Control.SetPermissions("gate", key, []);
        await harness.Sync.RefreshAllAsync(None);
        var failing = await monitor.DetectAsync(None);
        await harness.Sync.RefreshAllAsync(None);
        var again = await monitor.DetectAsync(None);

        var alert = Assert.Single(failing);
        Assert.Equal((AlertType.KeyFailing, AlertSeverity.Critical, "Gate main", Keyfolio.Exchanges.ExchangeId.Gate), (alert.Type, alert.Severity, alert.ConnectionLabel, alert.Exchange));
        var status = (await harness.Connections.GetAsync("Gate main", false, None))!.Status;
        Assert.Contains(status.Title.For(CultureInfo.GetCultureInfo("en")), alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(status.Title.For(CultureInfo.GetCultureInfo("zh-Hans")), alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(status.Fix, alert.Fix);
        Assert.Empty(again);

        harness.Simulator.Control.SetPermissions("gate", key, ["read"]);
        await harness.Sync.RefreshAllAsync(None);
        var recovered = await monitor.DetectAsync(None);
        Assert.Equal(ConnectionStatusCode.Connected, (await harness.Connections.GetAsync("Gate main", false, None))!.Status.Code);
        Assert.Equal(AlertType.KeyRecovered, Assert.Single(recovered).Type);
        Assert.Empty(await monitor.DetectAsync(None));
        Assert.Equal([AlertType.KeyRecovered, AlertType.KeyFailing], (await monitor.ListAsync(500, false, None)).Where(a => a.Type is AlertType.KeyFailing or AlertType.KeyRecovered).Select(a => a.Type));
    }

    [Fact]
    public async Task A_key_that_gains_the_withdraw_right_on_the_exchange_raises_a_critical_alert_once()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");
        var monitor = harness.Get<AlertMonitor>();
        Assert.DoesNotContain(await monitor.DetectAsync(None), a => a.Type == AlertType.WithdrawRight);

        harness.Simulator.Control.SetPermissions("gate", harness.Account("Gate main").ApiKey, ["read", "withdraw"]);
        await harness.Sync.RefreshAllAsync(None);
        var raised = await monitor.DetectAsync(None);
        await harness.Sync.RefreshAllAsync(None);

        var alert = Assert.Single(raised, a => a.Type == AlertType.WithdrawRight);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Contains("\"Gate main\" (Gate", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("提币", alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Empty(await monitor.DetectAsync(None));
    }

    [Fact]
    public async Task A_key_expiring_warns_at_seven_days_and_again_at_one_day_once_each_as_the_clock_moves()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        await harness.AddAsync("HTX expiring in 2 days");
        var monitor = harness.Get<AlertMonitor>();

        var first = (await monitor.DetectAsync(None)).Where(a => a.Type == AlertType.KeyExpiring).ToList();
        var repeated = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromHours(36));
        var second = (await monitor.DetectAsync(None)).Where(a => a.Type == AlertType.KeyExpiring).ToList();
        clock.Advance(TimeSpan.FromHours(6));
        var later = await monitor.DetectAsync(None);

        var week = Assert.Single(first);
        Assert.Equal(AlertSeverity.Warning, week.Severity);
        Assert.Contains("expires in 2 days", week.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("2 天后过期", week.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain(repeated, a => a.Type == AlertType.KeyExpiring);
        var day = Assert.Single(second);
        Assert.Equal(AlertSeverity.Critical, day.Severity);
        Assert.Contains("within a day", day.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain(later, a => a.Type == AlertType.KeyExpiring);
    }

    [Fact]
    public async Task A_key_first_seen_within_a_day_of_expiry_raises_the_nearer_alert_only()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        await harness.AddAsync("HTX expiring in 2 days");
        clock.Advance(TimeSpan.FromHours(40));

        var raised = (await harness.Get<AlertMonitor>().DetectAsync(None)).Where(a => a.Type == AlertType.KeyExpiring).ToList();

        Assert.Equal(AlertSeverity.Critical, Assert.Single(raised).Severity);
    }

    [Fact]
    public async Task A_key_without_a_successful_use_for_thirty_days_is_reported_unused_once()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        await harness.AddAsync("Gate main");
        var monitor = harness.Get<AlertMonitor>();
        Assert.DoesNotContain(await monitor.DetectAsync(None), a => a.Type == AlertType.KeyUnused);

        clock.Advance(TimeSpan.FromDays(29));
        var early = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromDays(2));
        var unused = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromDays(2));

        Assert.DoesNotContain(early, a => a.Type == AlertType.KeyUnused);
        Assert.Equal(AlertSeverity.Warning, Assert.Single(unused, a => a.Type == AlertType.KeyUnused).Severity);
        Assert.Empty(await monitor.DetectAsync(None));
    }

    [Fact]
    public async Task Balances_not_read_for_more_than_a_day_raise_one_stale_alert_until_they_are_read_again()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        await harness.AddAsync("Gate main");
        var monitor = harness.Get<AlertMonitor>();
        await monitor.DetectAsync(None);

        clock.Advance(TimeSpan.FromHours(23));
        var early = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromHours(2));
        var stale = await monitor.DetectAsync(None);
        var again = await monitor.DetectAsync(None);
        var refreshed = await harness.Sync.RefreshAllAsync(None);
        var afterRefresh = await monitor.DetectAsync(None);
        clock.Advance(TimeSpan.FromHours(25));
        var staleAgain = await monitor.DetectAsync(None);

        Assert.DoesNotContain(early, a => a.Type == AlertType.BalanceStale);
        var alert = Assert.Single(stale, a => a.Type == AlertType.BalanceStale);
        Assert.Equal((AlertSeverity.Warning, "Gate main"), (alert.Severity, alert.ConnectionLabel));
        Assert.Contains("were last read 25 hours ago", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("25 小时前", alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain(again, a => a.Type == AlertType.BalanceStale);
        Assert.All(refreshed, o => Assert.Equal(Keyfolio.Core.Sync.RefreshResult.Refreshed, o.Result));
        Assert.DoesNotContain(afterRefresh, a => a.Type == AlertType.BalanceStale);
        Assert.Single(staleAgain, a => a.Type == AlertType.BalanceStale);
    }

    [Fact]
    public async Task A_balance_reading_that_missed_a_wallet_raises_an_incomplete_alert()
    {
        await using var harness = await CoreHarness.StartAsync();
        var view = await harness.AddAsync("Binance without futures");
        Assert.True(view.IsIncomplete);

        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);

        var alert = Assert.Single(raised, a => a.Type == AlertType.BalanceIncomplete);
        Assert.Equal("Binance without futures", alert.ConnectionLabel);
        Assert.Contains("incomplete", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("不完整", alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audit_chain_found_broken_raises_a_critical_alert_once()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");
        var monitor = harness.Get<AlertMonitor>();
        Assert.DoesNotContain(await monitor.DetectAsync(None), a => a.Type == AlertType.AuditChainBroken);

        await harness.TamperAsync("UPDATE audit_entries SET outcome = 'edited' WHERE sequence = (SELECT MIN(sequence) FROM audit_entries)");
        await harness.Audit.VerifyAsync(None);
        var raised = await monitor.DetectAsync(None);

        Assert.Equal(AlertSeverity.Critical, Assert.Single(raised, a => a.Type == AlertType.AuditChainBroken).Severity);
        Assert.Empty(await monitor.DetectAsync(None));
    }

    [Fact]
    public async Task Unlock_failures_beyond_the_threshold_raise_one_alert_until_the_next_successful_unlock()
    {
        await using var harness = await CoreHarness.StartAsync();
        harness.Get<KeyfolioCoreOptions>().Alerts.UnlockFailureThreshold = 3;
        var monitor = harness.Get<AlertMonitor>();
        await harness.Vault.LockAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.False((await harness.Vault.UnlockAsync("not-the-password-" + attempt, None)).IsSuccess);
        }

        var below = await monitor.DetectAsync(None);
        Assert.False((await harness.Vault.UnlockAsync("not-the-password-2", None)).IsSuccess);
        var reached = await monitor.DetectAsync(None);
        Assert.False((await harness.Vault.UnlockAsync("not-the-password-3", None)).IsSuccess);
        var more = await monitor.DetectAsync(None);

        Assert.Empty(below);
        var alert = Assert.Single(reached);
        Assert.Equal((AlertType.UnlockFailures, AlertSeverity.Critical), (alert.Type, alert.Severity));
        Assert.Null(alert.ConnectionLabel);
        Assert.Contains("3 times", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Empty(more);
    }

    [Fact]
    public async Task Alerts_are_queued_in_the_database_newest_first_and_read_marks_them_until_the_next()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Binance withdraw-enabled", request => request with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });
        var monitor = harness.Get<AlertMonitor>();

        var raised = await monitor.DetectAsync(None);
        var listed = await monitor.ListAsync(50, unreadOnly: false, None);

        Assert.NotEmpty(raised);
        Assert.Equal(raised.Select(a => a.Id).Reverse(), listed.Select(a => a.Id));
        Assert.Equal(raised.Count, await monitor.UnreadCountAsync(None));
        Assert.Equal(raised.Count, await harness.CountAsync("SELECT COUNT(*) FROM alerts WHERE connection_id = $id", raised[0].ConnectionId!));
        await monitor.MarkReadAsync(listed[0].Id, None);
        Assert.Equal(0, await monitor.UnreadCountAsync(None));
        Assert.All(await monitor.ListAsync(50, unreadOnly: false, None), a => Assert.NotNull(a.ReadAt));
    }
}
