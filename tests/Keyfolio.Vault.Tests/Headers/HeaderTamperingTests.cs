using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Headers;
using Keyfolio.Vault.Recovery;
using Keyfolio.Vault.Tests.Support;

namespace Keyfolio.Vault.Tests.Headers;

/// <summary>
/// Someone who can write the database — and here even read <c>audit.key</c>, so the header's seal is made right again —
/// but knows neither the password nor the data key edits the vault header: bytes spliced in and resealed. The header's
/// MAC under the data key catches it before the header is believed, so a planted recovery key never receives a data key.
/// (Without <c>audit.key</c> the seal catches it earlier, before any key derivation: <see cref="AlteredHeaderTests"/>.)
/// </summary>
public sealed class HeaderTamperingTests
{
    // Header format 3 (docs/security.md): magic, version, vault id, created, KDF, iterations, memory, parallelism, salt length.
    private const int SaltOffset = 4 + 1 + 16 + 8 + 1 + 4 + 4 + 1 + 1;
    private const int RecoveryFlagOffset = SaltOffset + 16 + 4 + WrappedKey.EncodedSize;

    private static readonly CredentialAddress Binance = new("connection-1", "binance");

    [Fact]
    public async Task A_planted_recovery_key_makes_unlock_fail_as_tampered()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, VaultHarness.Actor);
        using var attacker = RecoveryKey.Generate();
        await PlantRecoveryKeyAsync(harness, attacker);

        await harness.ReopenAsync();
        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor));

        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.Equal(VaultState.Locked, harness.Vault.State);
        Assert.Equal(0, harness.Vault.ConsecutiveFailedAttempts);
        var last = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal((AuditAction.UnlockFailed, "unlock: header altered"), (last.Action, last.Outcome));
    }

    [Fact]
    public async Task A_rotation_while_unlocked_cannot_be_steered_to_a_planted_recovery_key()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, VaultHarness.Actor);
        await harness.Vault.AddCredentialAsync(Binance, "canary-secret"u8.ToArray(), VaultHarness.Actor);
        using var attacker = RecoveryKey.Generate();
        await PlantRecoveryKeyAsync(harness, attacker);

        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RotateKeyAsync(VaultHarness.Password, VaultHarness.Actor));

        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        var header = VaultHeaderCodec.Decode((await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header, harness.Audit.HeaderSeal);
        Assert.Equal(1u, header.KeyId);
        var opened = new byte[WrappedKey.KeySize];
        Assert.False(RecoveryEscrow.TryUnwrap(attacker, header.Recovery!, AssociatedData.ForRecoveryWrap(header.VaultId, header.KeyId), opened));
        Assert.DoesNotContain(await harness.AuditEntriesAsync(), e => e.Action == AuditAction.KeyRotated);
    }

    [Fact]
    public async Task The_recovery_key_refuses_an_altered_header_and_leaves_it_as_it_was()
    {
        await using var harness = await VaultHarness.StartAsync();
        using var recoveryKey = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, VaultHarness.Actor);
        var before = await EditInPlaceAsync(harness, bytes => bytes[SaltOffset] ^= 0x01);

        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.RecoverAsync(recoveryKey!.ToDisplayString(), VaultHarness.NewPassword, VaultHarness.Actor));

        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        Assert.Equal(before, (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header);
    }

    [Fact]
    public async Task Password_change_recovery_and_rotation_write_headers_that_authenticate()
    {
        await using var harness = await VaultHarness.StartAsync();
        using var recoveryKey = await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, VaultHarness.Actor);
        await harness.Vault.AddCredentialAsync(Binance, "canary-secret"u8.ToArray(), VaultHarness.Actor);

        await harness.Vault.RotateKeyAsync(VaultHarness.Password, VaultHarness.Actor);
        await harness.Vault.ChangePasswordAsync(VaultHarness.Password, VaultHarness.NewPassword, VaultHarness.Actor);
        await harness.Vault.UnlockAsync(VaultHarness.NewPassword, VaultHarness.Actor);
        await harness.Vault.RecoverAsync(recoveryKey!.ToDisplayString(), VaultHarness.Password, VaultHarness.Actor);
        await harness.ReopenAsync();
        await harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor);

        using var credential = await harness.Vault.OpenCredentialAsync(Binance.CredentialId);
        Assert.Equal("canary-secret"u8.ToArray(), credential.Payload.ToArray());
    }

    /// <summary>Adds a recovery section holding the attacker's public key (wrapping nothing of use) to a header without one.</summary>
    private static Task PlantRecoveryKeyAsync(VaultHarness harness, RecoveryKey attacker)
    {
        var planted = RecoveryEscrow.Wrap(RecoveryEscrow.PublicKeyOf(attacker), new byte[WrappedKey.KeySize], "junk"u8);
        var section = new byte[RecoveryWrap.EncodedSize];
        planted.RecoveryPublicKey.CopyTo(section, 0);
        planted.EphemeralPublicKey.CopyTo(section, RecoveryWrap.PublicKeySize);
        planted.WrappedDek.WriteTo(section.AsSpan(2 * RecoveryWrap.PublicKeySize));
        return AlterAsync(harness, bytes =>
        {
            Assert.Equal(0, bytes[RecoveryFlagOffset]);
            var forged = new List<byte>(bytes[..RecoveryFlagOffset]) { 1 };
            forged.AddRange(section);
            forged.AddRange(bytes[(RecoveryFlagOffset + 1)..^32]);
            return [.. forged];
        });
    }

    private static Task<byte[]> EditInPlaceAsync(VaultHarness harness, Action<byte[]> edit) =>
        AlterAsync(harness, bytes =>
        {
            var copy = bytes.ToArray();
            edit(copy);
            return copy[..^32];
        });

    /// <summary>Replaces the stored header with <paramref name="edit"/>'s bytes and a recomputed seal; returns what was stored.</summary>
    private static async Task<byte[]> AlterAsync(VaultHarness harness, Func<byte[], byte[]> edit)
    {
        var record = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!;
        var body = edit(record.Header);
        var forged = new byte[body.Length + HeaderSealKey.SealSize];
        body.CopyTo(forged, 0);
        harness.Audit.HeaderSeal.Seal(body, forged.AsSpan(body.Length));
        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(record.Revision, forged, null, CancellationToken.None));
        return forged;
    }
}
