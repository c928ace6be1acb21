using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Testing.Contracts;
using Keyfolio.Vault.Tests.Support;
using Keyfolio.Vault.Tests.TestStores;

namespace Keyfolio.Vault.Tests;

/// <summary>When the audit entry an action needs cannot be written, the action is refused and nothing changes.</summary>
public sealed class AuditFailureTests
{
    private static readonly AuditContext Actor = VaultHarness.Actor;
    private static readonly CredentialAddress Binance = new("connection-1", "binance");

    [Fact]
    public async Task Creating_a_vault_is_refused_when_the_audit_log_cannot_record_it()
    {
        await using var harness = await VaultHarness.StartAsync();
        harness.AuditStore.FailAppends = true;

        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, Actor));

        Assert.Equal(VaultErrorKind.AuditFailed, error.Kind);
        Assert.IsType<AuditLogException>(error.InnerException);
        Assert.Null(await harness.Vault.GetInfoAsync());
        Assert.Equal(VaultState.Locked, harness.Vault.State);
    }

    [Fact]
    public async Task Unlocking_is_refused_when_the_audit_log_cannot_record_it()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        var vault = await harness.ReopenAsync();
        harness.AuditStore.FailAppends = true;

        var error = await Assert.ThrowsAsync<VaultException>(() => vault.UnlockAsync(VaultHarness.Password, Actor));

        Assert.Equal(VaultErrorKind.AuditFailed, error.Kind);
        Assert.Equal(VaultState.Locked, vault.State);
        Assert.Null(vault.DataKey);
    }

    [Fact]
    public async Task Adding_replacing_and_removing_credentials_are_refused_and_nothing_is_stored()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        await harness.Vault.AddCredentialAsync(Binance, "original"u8.ToArray(), Actor);
        var stored = await harness.VaultStore.ReadCredentialAsync(Binance.CredentialId, CancellationToken.None);
        harness.AuditStore.FailAppends = true;

        var add = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.AddCredentialAsync(new CredentialAddress("connection-2", "okx"), Canary.Payload, Actor));
        var replace = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ReplaceCredentialAsync(Binance, Canary.Payload, Actor));
        var remove = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RemoveCredentialAsync(Binance.CredentialId, Actor));

        Assert.All(new[] { add, replace, remove }, error => Assert.Equal(VaultErrorKind.AuditFailed, error.Kind));
        Assert.Null(await harness.VaultStore.ReadCredentialAsync("connection-2", CancellationToken.None));
        Assert.Equal(stored!.Envelope, (await harness.VaultStore.ReadCredentialAsync(Binance.CredentialId, CancellationToken.None))!.Envelope);
    }

    [Fact]
    public async Task Password_change_and_key_rotation_are_refused_and_the_old_password_still_opens_everything()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor);
        var header = await harness.VaultStore.ReadHeaderAsync(CancellationToken.None);
        harness.AuditStore.FailAppends = true;

        var change = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ChangePasswordAsync(VaultHarness.Password, VaultHarness.NewPassword, Actor));
        var rotate = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RotateKeyAsync(VaultHarness.Password, Actor));
        var export = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.ExportAsync(VaultHarness.Password, "export-passphrase-9", new Dictionary<string, byte[]>(), Actor));

        Assert.All(new[] { change, rotate, export }, error => Assert.Equal(VaultErrorKind.AuditFailed, error.Kind));
        Assert.Equal(header!.Header, (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header);
        harness.AuditStore.FailAppends = false;
        var vault = await harness.ReopenAsync();
        await vault.UnlockAsync(VaultHarness.Password, Actor);
        using var credential = await vault.OpenCredentialAsync(Binance.CredentialId);
        Assert.Equal(Canary.Payload, credential.Payload.ToArray());
    }

    [Fact]
    public async Task Locking_still_happens_when_it_cannot_be_audited()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        VaultStateChangedEventArgs? change = null;
        harness.Vault.StateChanged += (_, args) => change = args;
        harness.AuditStore.FailAppends = true;

        await harness.Vault.LockAsync(Actor);

        Assert.Equal(VaultState.Locked, harness.Vault.State);
        Assert.False(change!.AuditRecorded);
    }

    [Fact]
    public async Task A_commit_that_crashes_leaves_neither_the_change_nor_its_entry()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        await harness.Vault.AddCredentialAsync(Binance, Canary.Payload, Actor);
        var before = await harness.AuditEntriesAsync();
        var header = await harness.VaultStore.ReadHeaderAsync(CancellationToken.None);
        var crashingStore = new FileVaultStore(Path.Combine(harness.Directory, "vault-store.json"), crashAtStep: 1, harness.AuditStore);
        await using var crashing = new VaultService(crashingStore, harness.Audit, harness.Options, harness.Time);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.RotateKeyAsync(VaultHarness.Password, Actor));

        var entries = await harness.AuditEntriesAsync();
        Assert.DoesNotContain(entries, e => e.Action == AuditAction.KeyRotated);
        Assert.Equal(before.Select(e => e.Sequence), entries.Select(e => e.Sequence));
        Assert.Equal(header!.Revision, (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Revision);
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
        await harness.Vault.AddCredentialAsync(new CredentialAddress("connection-2", "okx"), Canary.Payload, Actor);
        Assert.Equal(AuditAction.CredentialAdded, (await harness.AuditEntriesAsync())[^1].Action);
    }
}
