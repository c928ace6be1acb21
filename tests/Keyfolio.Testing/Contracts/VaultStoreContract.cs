using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Kdf;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Testing.Contracts;

/// <summary>
/// What the vault needs from an <see cref="IVaultStore"/> (with an <see cref="IAuditStore"/> beside it), run
/// through the real vault. Derive once per store implementation; each test starts from empty storage.
/// The vault's tests run it against their file store, the core's against the SQLite stores.
/// </summary>
public abstract class VaultStoreContract : IDisposable
{
    protected const string Password = "violet-harbour-lantern-42";
    protected const string NewPassword = "granite-meadow-compass-17";

    /// <summary>Enough crash points for any store: the loop stops at the first operation that completes.</summary>
    private const int MaxCrashSteps = 200;

    private static readonly AuditContext Actor = new("contract-test");

    private readonly List<IDisposable> _opened = [];

    protected VaultStoreContract()
    {
        DataDirectory = Directory.CreateTempSubdirectory("keyfolio-vault-contract-").FullName;
    }

    /// <summary>A fresh directory for this test: the audit key and chain head go here, and may the store's files.</summary>
    protected string DataDirectory { get; }

    /// <summary>A store over this test's storage. Opened again after a crash, it sees exactly what was committed.</summary>
    protected abstract IVaultStore OpenVaultStore();

    /// <summary>
    /// A store over the same storage whose write step number <paramref name="step"/> (counted from its opening)
    /// throws <see cref="SimulatedCrashException"/> instead of happening, leaving what a crash there would leave.
    /// </summary>
    protected abstract IVaultStore OpenVaultStoreCrashingAt(int step);

    /// <summary>The audit store over this test's storage.</summary>
    protected abstract IAuditStore OpenAuditStore();

    /// <summary>Every byte the storage has persisted: database, journal and WAL files, audit entries.</summary>
    protected abstract IEnumerable<byte[]> ReadPersistedBytes();

    [Fact]
    public async Task Credentials_round_trip_through_the_store_after_reopening()
    {
        var written = await CreateVaultWithCredentialsAsync(5);

        var vault = await OpenVaultAsync(OpenVaultStore());
        await vault.UnlockAsync(Password, Actor);

        await AssertReadableAsync(vault, written);
    }

    [Fact]
    public async Task The_canary_secret_never_reaches_the_stored_bytes()
    {
        var vault = await OpenVaultAsync(OpenVaultStore());
        await vault.CreateAsync(Password, withRecoveryKey: true, Actor);
        var canary = new CredentialAddress("canary", "binance");
        await vault.AddCredentialAsync(canary, Canary.Payload, Actor with { ConnectionId = "c-1", KeyFingerprint = "0011223344556677" });
        await vault.ReplaceCredentialAsync(canary, Canary.Payload, Actor);
        await vault.RotateKeyAsync(Password, Actor);
        await vault.ChangePasswordAsync(Password, NewPassword, Actor);

        foreach (var bytes in ReadPersistedBytes())
        {
            Canary.AssertAbsent(bytes, "the persisted storage");
        }

        await foreach (var record in OpenAuditStore().ReadAsync(0, CancellationToken.None))
        {
            Canary.AssertAbsent(string.Join('|', record.Actor, record.ConnectionId, record.KeyFingerprint, record.Endpoint, record.Outcome), "an audit entry");
        }
    }

    [Fact]
    public async Task A_flipped_byte_anywhere_in_a_stored_envelope_is_refused()
    {
        var written = await CreateVaultWithCredentialsAsync(1);
        var store = OpenVaultStore();
        var vault = await OpenVaultAsync(store);
        await vault.UnlockAsync(Password, Actor);
        var original = (await store.ReadCredentialAsync(written[0].Address.CredentialId, CancellationToken.None))!;

        for (var position = 0; position < original.Envelope.Length; position++)
        {
            var altered = original.Envelope.ToArray();
            altered[position] ^= 0x01;
            Assert.True(await store.TryReplaceCredentialAsync(original with { Envelope = altered }, null, CancellationToken.None));

            var error = await Assert.ThrowsAsync<VaultException>(() => vault.OpenCredentialAsync(original.Address.CredentialId));

            Assert.Contains(error.Kind, new[] { VaultErrorKind.CredentialTampered, VaultErrorKind.UnknownVersion, VaultErrorKind.Corrupted });
        }
    }

    [Theory]
    [InlineData("binance")]
    [InlineData("okx")]
    public async Task A_ciphertext_moved_to_another_row_is_refused(string otherExchange)
    {
        var store = OpenVaultStore();
        var vault = await OpenVaultAsync(store);
        await vault.CreateAsync(Password, withRecoveryKey: false, Actor);
        await vault.AddCredentialAsync(new CredentialAddress("victim", "binance"), Canary.Payload, Actor);
        await vault.AddCredentialAsync(new CredentialAddress("attacker", otherExchange), "attacker's own key"u8.ToArray(), Actor);
        var victim = (await store.ReadCredentialAsync("victim", CancellationToken.None))!;
        var attacker = (await store.ReadCredentialAsync("attacker", CancellationToken.None))!;

        Assert.True(await store.TryReplaceCredentialAsync(attacker with { Envelope = victim.Envelope }, null, CancellationToken.None));
        var error = await Assert.ThrowsAsync<VaultException>(() => vault.OpenCredentialAsync("attacker"));

        Assert.Equal(VaultErrorKind.CredentialTampered, error.Kind);
        using var stillThere = await vault.OpenCredentialAsync("victim");
        Assert.Equal(Canary.Payload, stillThere.Payload.ToArray());
    }

    [Fact]
    public async Task Changing_the_password_keeps_every_credential_readable()
    {
        var written = await CreateVaultWithCredentialsAsync(4);
        var vault = await OpenVaultAsync(OpenVaultStore());

        await vault.ChangePasswordAsync(Password, NewPassword, Actor);

        var reopened = await OpenVaultAsync(OpenVaultStore());
        await Assert.ThrowsAsync<VaultException>(() => reopened.UnlockAsync(Password, Actor));
        await reopened.UnlockAsync(NewPassword, Actor);
        await AssertReadableAsync(reopened, written);
    }

    [Fact]
    public async Task A_crash_at_any_step_of_a_password_change_leaves_the_old_password_working()
    {
        var written = await CreateVaultWithCredentialsAsync(3);

        var crashes = await CrashAtEveryStepAsync(AuditAction.PasswordChanged, vault => vault.ChangePasswordAsync(Password, NewPassword, Actor));

        Assert.True(crashes > 0, "The store never reached a write step; the crash injection does not work.");
        var afterSuccess = await OpenVaultAsync(OpenVaultStore());
        await afterSuccess.UnlockAsync(NewPassword, Actor);
        await AssertReadableAsync(afterSuccess, written);
    }

    [Fact]
    public async Task A_crash_at_any_step_of_adding_or_removing_a_credential_leaves_no_entry_for_what_did_not_happen()
    {
        await CreateVaultWithCredentialsAsync(2);
        var address = new CredentialAddress("credential-new", "gate");

        var addCrashes = await CrashAtEveryStepAsync(AuditAction.CredentialAdded, async vault =>
        {
            await vault.UnlockAsync(Password, Actor);
            await vault.AddCredentialAsync(address, Canary.Payload, Actor);
        });
        var removeCrashes = await CrashAtEveryStepAsync(AuditAction.CredentialRemoved, async vault =>
        {
            await vault.UnlockAsync(Password, Actor);
            await vault.RemoveCredentialAsync(address.CredentialId, Actor);
        });

        Assert.True(addCrashes > 0 && removeCrashes > 0, "The store never reached a write step; the crash injection does not work.");
        Assert.Null(await OpenVaultStore().ReadCredentialAsync(address.CredentialId, CancellationToken.None));
    }

    [Fact]
    public async Task Rotating_the_key_re_encrypts_every_credential_and_keeps_them_readable()
    {
        var written = await CreateVaultWithCredentialsAsync(6);
        var store = OpenVaultStore();
        var before = await ReadEnvelopesAsync(store);
        var vault = await OpenVaultAsync(store);
        var generation = (await vault.GetInfoAsync())!.KeyGeneration;

        await vault.RotateKeyAsync(Password, Actor);

        var after = await ReadEnvelopesAsync(OpenVaultStore());
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, pair => Assert.NotEqual(pair.Value, after[pair.Key]));
        var reopened = await OpenVaultAsync(OpenVaultStore());
        Assert.Equal(generation + 1, (await reopened.GetInfoAsync())!.KeyGeneration);
        await reopened.UnlockAsync(Password, Actor);
        await AssertReadableAsync(reopened, written);
    }

    [Fact]
    public async Task A_crash_at_any_step_of_a_rotation_leaves_the_old_key_and_password_working()
    {
        var written = await CreateVaultWithCredentialsAsync(4);

        var crashes = await CrashAtEveryStepAsync(AuditAction.KeyRotated, vault => vault.RotateKeyAsync(Password, Actor));

        Assert.True(crashes > 0, "The store never reached a write step; the crash injection does not work.");
        var afterSuccess = await OpenVaultAsync(OpenVaultStore());
        Assert.Equal(2u, (await afterSuccess.GetInfoAsync())!.KeyGeneration);
        await afterSuccess.UnlockAsync(Password, Actor);
        await AssertReadableAsync(afterSuccess, written);
    }

    [Fact]
    public async Task A_rotation_is_not_committed_when_the_credentials_changed_after_they_were_read()
    {
        await CreateVaultWithCredentialsAsync(2);
        var store = OpenVaultStore();
        var header = (await store.ReadHeaderAsync(CancellationToken.None))!;
        var stored = new List<StoredCredential>();
        await foreach (var credential in store.ReadCredentialsAsync(CancellationToken.None))
        {
            stored.Add(credential);
        }

        var stale = new KeyRotation(
            header.Revision,
            header.Header,
            [new RotatedCredential(stored[0].Address, stored[0].Envelope, [1, 2, 3])]);
        var wrongRevision = new KeyRotation(
            header.Revision + 1,
            header.Header,
            [.. stored.Select(item => new RotatedCredential(item.Address, item.Envelope, [4, 5, 6]))]);

        Assert.False(await store.TryCommitRotationAsync(stale, null, CancellationToken.None));
        Assert.False(await store.TryCommitRotationAsync(wrongRevision, null, CancellationToken.None));
        Assert.False(await store.TryReplaceHeaderAsync(header.Revision + 1, header.Header, null, CancellationToken.None));
        Assert.False(await store.TryCreateHeaderAsync(header.Header, null, CancellationToken.None));
        Assert.Equal(header.Revision, (await store.ReadHeaderAsync(CancellationToken.None))!.Revision);
        var unchanged = await ReadEnvelopesAsync(store);
        Assert.All(stored, item => Assert.Equal(item.Envelope, unchanged[item.Address.CredentialId]));
    }

    [Fact]
    public async Task A_damaged_or_truncated_stored_header_is_reported_as_altered_before_any_password_is_tried()
    {
        await CreateVaultWithCredentialsAsync(1);
        var store = OpenVaultStore();
        var record = (await store.ReadHeaderAsync(CancellationToken.None))!;
        var flipped = record.Header.ToArray();
        flipped[40] ^= 0x80;
        Assert.True(await store.TryReplaceHeaderAsync(record.Revision, flipped, null, CancellationToken.None));

        var vault = await OpenVaultAsync(OpenVaultStore());
        var damaged = await Assert.ThrowsAsync<VaultException>(() => vault.UnlockAsync(Password, Actor));

        Assert.True(await store.TryReplaceHeaderAsync(record.Revision + 1, record.Header[..50], null, CancellationToken.None));
        var truncated = await Assert.ThrowsAsync<VaultException>(() => vault.UnlockAsync(Password, Actor));

        Assert.Equal(VaultErrorKind.HeaderAltered, damaged.Kind);
        Assert.Equal(VaultErrorKind.HeaderAltered, truncated.Kind);
        Assert.Equal(0, vault.ConsecutiveFailedAttempts);
    }

    [Fact]
    public async Task Credentials_are_added_replaced_and_removed_without_touching_the_others()
    {
        var written = await CreateVaultWithCredentialsAsync(3);
        var vault = await OpenVaultAsync(OpenVaultStore());
        await vault.UnlockAsync(Password, Actor);
        var replacement = "replaced payload"u8.ToArray();

        await vault.ReplaceCredentialAsync(written[0].Address, replacement, Actor);
        await vault.RemoveCredentialAsync(written[1].Address.CredentialId, Actor);
        var duplicate = await Assert.ThrowsAsync<VaultException>(() => vault.AddCredentialAsync(written[2].Address, replacement, Actor));

        Assert.Equal(VaultErrorKind.CredentialExists, duplicate.Kind);
        await AssertReadableAsync(vault, [(written[0].Address, replacement), written[2]]);
        var missing = await Assert.ThrowsAsync<VaultException>(() => vault.OpenCredentialAsync(written[1].Address.CredentialId));
        Assert.Equal(VaultErrorKind.CredentialNotFound, missing.Kind);
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_opened))
        {
            item.Dispose();
        }

        GC.SuppressFinalize(this);
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Opens a vault over <paramref name="store"/> at the KDF floor (the fastest setting a vault accepts).</summary>
    protected async Task<VaultService> OpenVaultAsync(IVaultStore store)
    {
        var audit = await AuditLog.OpenAsync(DataDirectory, OpenAuditStore());
        _opened.Add(audit);
        var vault = new VaultService(store, audit, new VaultOptions { Kdf = KdfParameters.Floor });
        _opened.Add(vault);
        return vault;
    }

    private async Task<List<(CredentialAddress Address, byte[] Payload)>> CreateVaultWithCredentialsAsync(int count)
    {
        var vault = await OpenVaultAsync(OpenVaultStore());
        await vault.CreateAsync(Password, withRecoveryKey: true, Actor);
        var written = new List<(CredentialAddress, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var address = new CredentialAddress($"credential-{i}", i % 2 == 0 ? "binance" : "okx");
            var payload = System.Text.Encoding.UTF8.GetBytes($"{{\"apiKey\":\"key-{i}\",\"secret\":\"secret-{i}-{Guid.NewGuid():N}\"}}");
            await vault.AddCredentialAsync(address, payload, Actor);
            written.Add((address, payload));
        }

        await vault.LockAsync(Actor);
        return written;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> against a store that crashes at step 1, 2, 3, … until the operation
    /// completes; after each crash, the reopened vault must open with the old password and read every credential.
    /// </summary>
    private async Task<int> CrashAtEveryStepAsync(AuditAction action, Func<VaultService, Task> operation)
    {
        var before = await ReadEnvelopesAsync(OpenVaultStore());
        var entriesBefore = await CountEntriesAsync(action);
        for (var step = 1; step <= MaxCrashSteps; step++)
        {
            var vault = await OpenVaultAsync(OpenVaultStoreCrashingAt(step));
            try
            {
                await operation(vault);
                Assert.Equal(entriesBefore + 1, await CountEntriesAsync(action));
                return step - 1;
            }
            catch (SimulatedCrashException)
            {
                // The change did not happen, so neither may its entry: the log never claims what did not happen.
                Assert.Equal(entriesBefore, await CountEntriesAsync(action));
                var reopened = await OpenVaultAsync(OpenVaultStore());
                await reopened.UnlockAsync(Password, Actor);
                var after = await ReadEnvelopesAsync(OpenVaultStore());
                Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
                foreach (var (id, envelope) in after)
                {
                    Assert.Equal(before[id], envelope);
                    var stored = (await OpenVaultStore().ReadCredentialAsync(id, CancellationToken.None))!;
                    using var plaintext = reopened.Decrypt(stored);
                    Assert.False(plaintext.Payload.IsEmpty);
                }

                await reopened.LockAsync(Actor);
            }
        }

        throw new InvalidOperationException($"The operation did not complete within {MaxCrashSteps} write steps.");
    }

    private async Task<int> CountEntriesAsync(AuditAction action)
    {
        var count = 0;
        await foreach (var record in OpenAuditStore().ReadAsync(0, CancellationToken.None))
        {
            count += record.Action == action ? 1 : 0;
        }

        return count;
    }

    private static async Task<Dictionary<string, byte[]>> ReadEnvelopesAsync(IVaultStore store)
    {
        var envelopes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var credential in store.ReadCredentialsAsync(CancellationToken.None))
        {
            envelopes.Add(credential.Address.CredentialId, credential.Envelope);
        }

        return envelopes;
    }

    private static async Task AssertReadableAsync(VaultService vault, IEnumerable<(CredentialAddress Address, byte[] Payload)> expected)
    {
        foreach (var (address, payload) in expected)
        {
            using var credential = await vault.OpenCredentialAsync(address.CredentialId);
            Assert.Equal(address, credential.Address);
            Assert.Equal(payload, credential.Payload.ToArray());
        }
    }
}
