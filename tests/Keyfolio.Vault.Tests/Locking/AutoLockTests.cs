using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Vault.Tests.Locking;

public sealed class AutoLockTests
{
    private static readonly AuditContext Actor = VaultHarness.Actor;

    [Fact]
    public async Task The_vault_locks_after_the_idle_timeout_and_records_why()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(5), absolute: TimeSpan.FromHours(1));
        var key = harness.Vault.DataKey!.UnsafeArray;
        var session = harness.Vault.SessionToken;
        var locked = LockedEvent(harness.Vault);

        harness.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(VaultState.Unlocked, harness.Vault.State);
        Assert.False(session.IsCancellationRequested);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var change = await locked.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(VaultState.Locked, harness.Vault.State);
        Assert.True(session.IsCancellationRequested);
        Assert.Equal(VaultStateChangeReason.IdleTimeout, change.Reason);
        Assert.True(change.AuditRecorded);
        Assert.All(key, b => Assert.Equal(0, b));
        var entry = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal((AuditAction.VaultLocked, "system", "idle timeout"), (entry.Action, entry.Actor, entry.Outcome));
    }

    [Fact]
    public async Task Activity_postpones_the_idle_lock()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(5), absolute: TimeSpan.FromHours(1));
        var locked = LockedEvent(harness.Vault);

        for (var i = 0; i < 10; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(4));
            harness.Vault.Touch();
        }

        Assert.Equal(VaultState.Unlocked, harness.Vault.State);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(VaultStateChangeReason.IdleTimeout, (await locked.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task The_vault_locks_after_the_absolute_timeout_however_active_it_is()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(15), absolute: TimeSpan.FromHours(1));
        var locked = LockedEvent(harness.Vault);

        for (var i = 0; i < 11; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            harness.Vault.Touch();
        }

        Assert.Equal(VaultState.Unlocked, harness.Vault.State);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var change = await locked.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(VaultStateChangeReason.AbsoluteTimeout, change.Reason);
        Assert.Equal(VaultState.Locked, harness.Vault.State);
    }

    [Fact]
    public async Task Shorter_times_set_while_unlocked_lock_at_once_when_their_deadline_has_passed()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(15), absolute: TimeSpan.FromHours(1));
        var locked = LockedEvent(harness.Vault);
        harness.Time.Advance(TimeSpan.FromMinutes(6));

        harness.Vault.ChangeAutoLock(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        harness.Time.Advance(TimeSpan.Zero);

        Assert.Equal(VaultStateChangeReason.IdleTimeout, (await locked.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task Longer_times_set_while_unlocked_keep_the_unlock_open_and_count_from_the_last_activity()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(5), absolute: TimeSpan.FromHours(1));
        var locked = LockedEvent(harness.Vault);
        harness.Time.Advance(TimeSpan.FromMinutes(4));

        harness.Vault.ChangeAutoLock(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        harness.Time.Advance(TimeSpan.FromMinutes(25));
        var openAfterTwentyNine = harness.Vault.State;
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(VaultState.Unlocked, openAfterTwentyNine);
        Assert.Equal(VaultStateChangeReason.IdleTimeout, (await locked.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task A_changed_time_that_is_zero_is_refused_and_the_old_times_stay()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(5), absolute: TimeSpan.FromHours(1));
        var locked = LockedEvent(harness.Vault);

        var error = Assert.Throws<ArgumentException>(() => harness.Vault.ChangeAutoLock(TimeSpan.Zero, TimeSpan.FromHours(1)));
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("idleTimeout", error.ParamName);
        Assert.Equal(VaultStateChangeReason.IdleTimeout, (await locked.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task A_failing_auto_lock_is_logged_with_its_reason_and_the_state_it_left()
    {
        await using var harness = await VaultHarness.StartAsync(options => options.IdleTimeout = TimeSpan.FromMinutes(5));
        var logger = new RecordingLogger<VaultService>();
        await using var vault = new VaultService(harness.VaultStore, harness.Audit, harness.Options, harness.Time, logger: logger);
        await vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Locked)
            {
                throw new InvalidOperationException("a subscriber to the lock failed");
            }
        };

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var logged = await logger.FirstWarning.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((LogLevel.Error, 4001), (logged.Level, logged.EventId));
        Assert.Equal("The IdleTimeout auto-lock failed with System.InvalidOperationException; the vault is Locked", logged.Message);
        Assert.Null(logged.Exception);
        Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logger.Entries, e => (e.Level, e.EventId, e.Message) == (LogLevel.Information, 4002, "The vault is Locked (IdleTimeout); recorded in the audit log: True"));
        Assert.Equal(VaultState.Locked, vault.State);
        var entry = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal((AuditAction.VaultLocked, "system", "idle timeout"), (entry.Action, entry.Actor, entry.Outcome));
    }

    [Fact]
    public async Task Locking_by_hand_cancels_the_pending_auto_lock()
    {
        await using var harness = await StartUnlockedAsync(idle: TimeSpan.FromMinutes(5), absolute: TimeSpan.FromHours(1));
        Assert.Equal(1, harness.Time.PendingTimers);

        await harness.Vault.LockAsync(Actor);

        Assert.Equal(0, harness.Time.PendingTimers);
    }

    [Fact]
    public async Task Timeouts_can_be_turned_off()
    {
        await using var harness = await StartUnlockedAsync(idle: Timeout.InfiniteTimeSpan, absolute: Timeout.InfiniteTimeSpan);

        harness.Time.Advance(TimeSpan.FromDays(30));

        Assert.Equal(VaultState.Unlocked, harness.Vault.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_zero_or_negative_timeout_is_refused(int minutes)
    {
        var options = new VaultOptions { IdleTimeout = TimeSpan.FromMinutes(minutes) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(VaultOptions.IdleTimeout), error.ParamName);
    }

    [Fact]
    public void The_defaults_are_fifteen_minutes_idle_and_twelve_hours_in_all()
    {
        var options = new VaultOptions();

        Assert.Equal(TimeSpan.FromMinutes(15), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromHours(12), options.AbsoluteTimeout);
    }

    private static async Task<VaultHarness> StartUnlockedAsync(TimeSpan idle, TimeSpan absolute)
    {
        var harness = await VaultHarness.StartAsync(options =>
        {
            options.IdleTimeout = idle;
            options.AbsoluteTimeout = absolute;
        });
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        return harness;
    }

    private static Task<VaultStateChangedEventArgs> LockedEvent(VaultService vault)
    {
        var locked = new TaskCompletionSource<VaultStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Locked)
            {
                locked.TrySetResult(change);
            }
        };
        return locked.Task;
    }
}
