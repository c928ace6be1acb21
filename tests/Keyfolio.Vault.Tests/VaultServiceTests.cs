using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Kdf;
using Keyfolio.Testing.Contracts;
using Keyfolio.Vault.Tests.Support;

namespace Keyfolio.Vault.Tests;

public sealed class VaultServiceTests
{
    private static readonly AuditContext Actor = VaultHarness.Actor;
    private static readonly CredentialAddress Binance = new("connection-1", "binance");

    [Fact]
    public async Task A_new_vault_is_unlocked_and_a_reopened_one_starts_locked()
    {
        await using var harness = await VaultHarness.StartAsync();

        using var recovery = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var stateAfterCreation = harness.Vault.State;
        var reopened = await harness.ReopenAsync();

        Assert.Null(recovery);
        Assert.Equal(VaultState.Unlocked, stateAfterCreation);
        Assert.Equal(VaultState.Locked, reopened.State);
        var info = await reopened.GetInfoAsync();
        Assert.Equal(KdfParameters.Floor, info!.Kdf);
        Assert.False(info.HasRecoveryKey);
        Assert.Equal(1u, info.KeyGeneration);
    }

    [Fact]
    public async Task New_vaults_use_Argon2id_with_128_MiB_and_6_passes_by_default()
    {
        await using var harness = await VaultHarness.StartAsync(options => options.Kdf = new VaultOptions().Kdf);

        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);

        Assert.Equal(KdfParameters.Argon2id(131_072, 6), (await harness.Vault.GetInfoAsync())!.Kdf);
    }

    [Fact]
    public async Task Options_below_the_KDF_floor_are_refused()
    {
        await using var harness = await VaultHarness.StartAsync();
        var belowFloor = new VaultOptions { Kdf = KdfParameters.Argon2id(KdfParameters.Argon2idMinimumMemoryKiB - 1, 3) };
        var notArgon2id = new VaultOptions { Kdf = KdfParameters.Pbkdf2(1_000_000) };

        var errors = new[] { belowFloor, notArgon2id }.Select(options => Assert.Throws<ArgumentException>(() => new VaultService(harness.VaultStore, harness.Audit, options)));

        Assert.All(errors, error => Assert.Equal(nameof(VaultOptions.Kdf), error.ParamName));
    }

    [Fact]
    public async Task Creating_twice_or_unlocking_before_creating_gives_clear_errors()
    {
        await using var harness = await VaultHarness.StartAsync();

        var notCreated = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync(VaultHarness.Password, Actor));
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var twice = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.CreateAsync(VaultHarness.NewPassword, withRecoveryKey: false, Actor));

        Assert.Equal(VaultErrorKind.NotCreated, notCreated.Kind);
        Assert.Equal(VaultErrorKind.AlreadyExists, twice.Kind);
        var reopened = await harness.ReopenAsync();
        await reopened.UnlockAsync(VaultHarness.Password, Actor);
    }

    [Fact]
    public async Task A_weak_master_password_is_refused_before_anything_is_stored()
    {
        await using var harness = await VaultHarness.StartAsync();

        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.CreateAsync("password1", withRecoveryKey: false, Actor));

        Assert.Equal(VaultErrorKind.PasswordRejected, error.Kind);
        Assert.Null(await harness.Vault.GetInfoAsync());
        Assert.Empty(await harness.AuditEntriesAsync());
    }

    [Fact]
    public async Task Unlock_with_wrong_password_fails_and_is_throttled()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var vault = await harness.ReopenAsync();

        var first = await Assert.ThrowsAsync<VaultException>(() => vault.UnlockAsync("wrong-password-1", Actor));
        Assert.Equal(TimeSpan.FromSeconds(1), vault.NextAttemptDelay);
        using (var giveUp = new CancellationTokenSource())
        {
            var held = vault.UnlockAsync(VaultHarness.Password, Actor, giveUp.Token);
            harness.Time.Advance(TimeSpan.FromMilliseconds(999));
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        }

        var second = vault.UnlockAsync("wrong-password-2", Actor);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var secondError = await Assert.ThrowsAsync<VaultException>(() => second);
        Assert.Equal(TimeSpan.FromSeconds(2), vault.NextAttemptDelay);
        var third = vault.UnlockAsync(VaultHarness.Password, Actor);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, harness.Time.PendingTimers);
        Assert.False(third.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await third;

        Assert.Equal(VaultErrorKind.WrongPassword, first.Kind);
        Assert.Equal(VaultErrorKind.WrongPassword, secondError.Kind);
        Assert.Contains("in 2 s", secondError.Message, StringComparison.Ordinal);
        Assert.Equal(VaultState.Unlocked, vault.State);
        Assert.Equal(0, vault.ConsecutiveFailedAttempts);
        Assert.Equal(TimeSpan.Zero, vault.NextAttemptDelay);
        var actions = (await harness.AuditEntriesAsync()).Select(entry => entry.Action).ToList();
        Assert.Equal([AuditAction.VaultCreated, AuditAction.VaultLocked, AuditAction.UnlockFailed, AuditAction.UnlockFailed, AuditAction.VaultUnlocked], actions);
    }

    [Fact]
    public async Task The_delay_doubles_with_each_failure_up_to_the_ceiling()
    {
        await using var harness = await VaultHarness.StartAsync(options => options.MaxUnlockBackoff = TimeSpan.FromSeconds(5));
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var vault = await harness.ReopenAsync();
        var delays = new List<TimeSpan>();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failing = vault.UnlockAsync("not-the-password", Actor);
            harness.Time.Advance(vault.NextAttemptDelay);
            await Assert.ThrowsAsync<VaultException>(() => failing);
            delays.Add(vault.NextAttemptDelay);
        }

        Assert.Equal([1, 2, 4, 5, 5], delays.Select(delay => delay.TotalSeconds));
        Assert.Equal(5, vault.ConsecutiveFailedAttempts);
    }

    [Fact]
    public async Task The_same_password_typed_in_another_Unicode_form_unlocks()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync("Caf\u00e9-au-lait-Montr\u00e9al", withRecoveryKey: false, Actor);
        var vault = await harness.ReopenAsync();

        await vault.UnlockAsync("Cafe\u0301-au-lait-Montre\u0301al", Actor);

        Assert.Equal(VaultState.Unlocked, vault.State);
    }

    [Fact]
    public async Task Lock_zeroes_the_key_buffer_and_every_decrypted_credential()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor);
        var held = await harness.Vault.OpenCredentialAsync(Binance.CredentialId);
        var key = harness.Vault.DataKey!.UnsafeArray;
        var plaintext = held.UnsafeBuffer;
        Assert.Contains(key, b => b != 0);

        await harness.Vault.LockAsync(Actor);

        Assert.Equal(VaultState.Locked, harness.Vault.State);
        Assert.Null(harness.Vault.DataKey);
        Assert.All(key, b => Assert.Equal(0, b));
        Assert.All(plaintext, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => held.Payload.Length);
        var locked = Assert.Throws<VaultException>(() => harness.Vault.Encrypt(Binance, Canary.Payload));
        Assert.Equal(VaultErrorKind.Locked, locked.Kind);
        var entry = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal(AuditAction.VaultLocked, entry.Action);
        Assert.Equal("by user", entry.Outcome);
    }

    [Fact]
    public async Task The_session_token_is_cancelled_when_the_vault_locks_and_renewed_when_it_unlocks()
    {
        await using var harness = await VaultHarness.StartAsync();
        var beforeCreation = harness.Vault.SessionToken;
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var first = harness.Vault.SessionToken;
        var lockedWhenCancelled = false;
        using var registration = first.Register(() => lockedWhenCancelled = harness.Vault.State == VaultState.Locked);

        await harness.Vault.LockAsync(Actor);
        var whileLocked = harness.Vault.SessionToken;
        await harness.Vault.UnlockAsync(VaultHarness.Password, Actor);
        var second = harness.Vault.SessionToken;

        Assert.True(beforeCreation.IsCancellationRequested);
        Assert.True(first.IsCancellationRequested);
        Assert.True(lockedWhenCancelled);
        Assert.True(whileLocked.IsCancellationRequested);
        Assert.False(second.IsCancellationRequested);
        await harness.Vault.ChangePasswordAsync(VaultHarness.Password, VaultHarness.NewPassword, Actor);
        Assert.True(second.IsCancellationRequested);
    }

    [Fact]
    public async Task Disposing_the_vault_locks_it_and_records_the_shutdown()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var key = harness.Vault.DataKey!.UnsafeArray;
        var changes = new List<VaultStateChangedEventArgs>();
        harness.Vault.StateChanged += (_, change) => changes.Add(change);

        await harness.Vault.DisposeAsync();

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Equal(VaultStateChangeReason.Shutdown, Assert.Single(changes).Reason);
        Assert.Equal("shutdown", (await harness.AuditEntriesAsync())[^1].Outcome);
    }

    [Fact]
    public async Task Every_state_change_is_announced()
    {
        await using var harness = await VaultHarness.StartAsync();
        var changes = new List<(VaultState, VaultStateChangeReason)>();
        harness.Vault.StateChanged += (_, change) => changes.Add((change.State, change.Reason));

        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        await harness.Vault.LockAsync(Actor);
        await harness.Vault.UnlockAsync(VaultHarness.Password, Actor);
        await harness.Vault.ChangePasswordAsync(VaultHarness.Password, VaultHarness.NewPassword, Actor);

        Assert.Equal(
            [
                (VaultState.Unlocked, VaultStateChangeReason.Created),
                (VaultState.Locked, VaultStateChangeReason.LockedByUser),
                (VaultState.Unlocked, VaultStateChangeReason.Unlocked),
                (VaultState.Locked, VaultStateChangeReason.PasswordChanged),
            ],
            changes);
    }

    [Fact]
    public async Task The_recovery_key_sets_a_new_password_even_after_a_key_rotation()
    {
        await using var harness = await VaultHarness.StartAsync();
        using var recovery = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, Actor);
        var shown = recovery!.ToDisplayString();
        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor);
        await harness.Vault.RotateKeyAsync(VaultHarness.Password, Actor);
        var vault = await harness.ReopenAsync();

        await vault.RecoverAsync(shown.ToLowerInvariant(), VaultHarness.NewPassword, Actor);
        await Assert.ThrowsAsync<VaultException>(() => vault.UnlockAsync(VaultHarness.Password, Actor));
        harness.Time.Advance(vault.NextAttemptDelay);
        await vault.UnlockAsync(VaultHarness.NewPassword, Actor);

        using var credential = await vault.OpenCredentialAsync(Binance.CredentialId);
        Assert.Equal(Canary.Payload, credential.Payload.ToArray());
        Assert.True((await vault.GetInfoAsync())!.HasRecoveryKey);
        Assert.Contains(await harness.AuditEntriesAsync(), entry => entry.Action == AuditAction.PasswordRecovered);
    }

    [Fact]
    public async Task Another_vaults_recovery_key_or_none_at_all_is_refused()
    {
        await using var harness = await VaultHarness.StartAsync();
        using var mine = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, Actor);
        await using var other = await VaultHarness.StartAsync();
        using var theirs = await other.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, Actor);
        await using var without = await VaultHarness.StartAsync();
        await without.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);

        var wrong = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RecoverAsync(theirs!.ToDisplayString(), VaultHarness.NewPassword, Actor));
        var none = await Assert.ThrowsAsync<VaultException>(() => without.Vault.RecoverAsync(mine!.ToDisplayString(), VaultHarness.NewPassword, Actor));

        Assert.Equal(VaultErrorKind.WrongRecoveryKey, wrong.Kind);
        Assert.Equal(VaultErrorKind.WrongRecoveryKey, none.Kind);
        var reopened = await harness.ReopenAsync();
        await reopened.UnlockAsync(VaultHarness.Password, Actor);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);

        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ChangePasswordAsync("not-the-current-one", VaultHarness.NewPassword, Actor));

        Assert.Equal(VaultErrorKind.WrongPassword, error.Kind);
        harness.Time.Advance(harness.Vault.NextAttemptDelay);
        var reopened = await harness.ReopenAsync();
        await reopened.UnlockAsync(VaultHarness.Password, Actor);
    }

    [Fact]
    public async Task Credential_actions_are_audited_with_the_connection_and_fingerprint_never_the_key()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var context = Actor with { ConnectionId = "connection-1", KeyFingerprint = harness.Audit.Fingerprint(Canary.Secret) };

        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, context);
        await harness.Vault.ReplaceCredentialAsync(Binance, Canary.Payload, context);
        await harness.Vault.RemoveCredentialAsync(Binance.CredentialId, context);

        var entries = (await harness.AuditEntriesAsync()).Where(entry => entry.ConnectionId is not null).ToList();
        Assert.Equal([AuditAction.CredentialAdded, AuditAction.CredentialReplaced, AuditAction.CredentialRemoved], entries.Select(entry => entry.Action));
        Assert.All(entries, entry => Assert.Equal(context.KeyFingerprint, entry.KeyFingerprint));
        Canary.AssertAbsent(harness.AuditStore.ReadAllBytes(), "the audit store");
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Error_messages_and_ToString_never_contain_a_secret()
    {
        await using var harness = await VaultHarness.StartAsync();
        using var recovery = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, Actor);
        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor);
        var messages = new List<string?>
        {
            harness.Vault.ToString(),
            recovery!.ToString(),
            harness.Audit.ToString(),
            (await harness.Vault.OpenCredentialAsync(Binance.CredentialId)).ToString(),
        };

        messages.Add((await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ChangePasswordAsync(Canary.Secret, VaultHarness.NewPassword, Actor))).Message);
        harness.Time.Advance(harness.Vault.NextAttemptDelay);
        messages.Add((await Assert.ThrowsAsync<VaultException>(() => harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor))).Message);
        messages.Add((await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ExportAsync(VaultHarness.Password, Canary.Secret[..6], new Dictionary<string, byte[]>(), Actor))).Message);
        messages.Add((await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RecoverAsync(Canary.Secret, Canary.Secret, Actor))).Message);

        Assert.All(messages, message => Canary.AssertAbsent(message, "a message or ToString"));
        Assert.All(messages, message => Assert.DoesNotContain(VaultHarness.Password, message, StringComparison.Ordinal));
        Assert.All(messages, message => Assert.DoesNotContain(recovery.ToDisplayString(), message, StringComparison.Ordinal));
    }
}
