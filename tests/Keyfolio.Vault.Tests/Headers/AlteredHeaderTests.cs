using System.Security.Cryptography;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Headers;
using Keyfolio.Vault.Tests.Support;

namespace Keyfolio.Vault.Tests.Headers;

/// <summary>
/// Someone who can write the database but not read <c>audit.key</c> changes the vault header: any byte, with or without
/// the old unkeyed checksum recomputed. The seal is checked before any key is derived, so the answer is "the vault header
/// was altered" for the right password and a wrong one alike — never "wrong password", never a delay earned.
/// </summary>
public sealed class AlteredHeaderTests
{
    [Fact]
    public async Task Every_flipped_byte_of_the_stored_header_is_answered_as_altered_for_any_password_and_tries_none()
    {
        await using var harness = await VaultHarness.StartAsync();
        using (await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: true, VaultHarness.Actor))
        {
        }

        await harness.Vault.LockAsync(VaultHarness.Actor);
        var record = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!;
        var original = record.Header;
        var revision = record.Revision;

        for (var position = 0; position < original.Length; position++)
        {
            var altered = original.ToArray();
            altered[position] ^= (byte)(1 << (position % 8));
            Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(revision++, altered, null, CancellationToken.None));

            var right = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor));
            var wrong = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync("not-the-password-at-all-9", VaultHarness.Actor));

            Assert.Equal((VaultErrorKind.HeaderAltered, VaultErrorKind.HeaderAltered), (right.Kind, wrong.Kind));
            Assert.Contains("The vault header was altered", wrong.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("password is wrong", wrong.Message, StringComparison.Ordinal);
            Assert.Equal((0, TimeSpan.Zero), (harness.Vault.ConsecutiveFailedAttempts, harness.Vault.NextAttemptDelay));
            Assert.Equal(VaultState.Locked, harness.Vault.State);
        }

        var last = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal((AuditAction.UnlockFailed, "unlock: header altered"), (last.Action, last.Outcome));

        // Put back as written, it opens with the right password and says "wrong password" to a wrong one.
        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(revision, original, null, CancellationToken.None));
        var mistaken = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync("not-the-password-at-all-9", VaultHarness.Actor));
        Assert.Equal(VaultErrorKind.WrongPassword, mistaken.Kind);
        Assert.Equal(1, harness.Vault.ConsecutiveFailedAttempts);
        harness.Time.Advance(harness.Vault.NextAttemptDelay);
        await harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor);
        Assert.Equal(VaultState.Unlocked, harness.Vault.State);
    }

    [Fact]
    public async Task A_field_changed_with_the_old_checksum_recomputed_is_altered_too_and_so_is_a_header_cut_short()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, VaultHarness.Actor);
        await harness.Vault.LockAsync(VaultHarness.Actor);
        var record = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!;
        var body = record.Header[..^32];
        body[4 + 1 + 16 + 8 + 1 + 3] ^= 0x01; // the passes of the key derivation
        byte[] rechecked = [.. body, .. SHA256.HashData(body)];

        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(record.Revision, rechecked, null, CancellationToken.None));
        var changed = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor));
        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(record.Revision + 1, record.Header[..^1], null, CancellationToken.None));
        var cut = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor));
        var info = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.GetInfoAsync());

        Assert.Equal(
            (VaultErrorKind.HeaderAltered, VaultErrorKind.HeaderAltered, VaultErrorKind.HeaderAltered),
            (changed.Kind, cut.Kind, info.Kind));
        Assert.Equal(0, harness.Vault.ConsecutiveFailedAttempts);
    }

    [Fact]
    public async Task A_header_sealed_under_another_data_directorys_audit_key_is_altered()
    {
        await using var first = await VaultHarness.StartAsync();
        await first.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, VaultHarness.Actor);
        await using var second = await VaultHarness.StartAsync();
        await second.Vault.CreateAsync(VaultHarness.NewPassword, withRecoveryKey: false, VaultHarness.Actor);
        await second.Vault.LockAsync(VaultHarness.Actor);
        var theirs = (await first.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header;
        var ours = (await second.VaultStore.ReadHeaderAsync(CancellationToken.None))!;

        Assert.True(await second.VaultStore.TryReplaceHeaderAsync(ours.Revision, theirs, null, CancellationToken.None));
        var error = await Assert.ThrowsAsync<VaultException>(() => second.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor));

        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
    }

    [Fact]
    public async Task A_version_2_header_opens_is_sealed_on_that_unlock_and_from_then_on_a_flipped_byte_is_caught_before_the_password()
    {
        await using var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, VaultHarness.Actor);
        await harness.Vault.AddCredentialAsync(new("connection-1", "okx"), "canary-secret"u8.ToArray(), VaultHarness.Actor);
        var record = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!;
        var version2 = AsVersion2(record.Header, harness.Vault.DataKey!.Span);
        await harness.Vault.LockAsync(VaultHarness.Actor);
        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(record.Revision, version2, null, CancellationToken.None));
        await harness.ReopenAsync();

        await harness.Vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor);

        using (var credential = await harness.Vault.OpenCredentialAsync("connection-1"))
        {
            Assert.Equal("canary-secret"u8.ToArray(), credential.Payload.ToArray());
        }

        var sealedRecord = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!;
        Assert.Equal(VaultHeaderCodec.CurrentVersion, sealedRecord.Header[4]);
        Assert.True(harness.Audit.HeaderSeal.IsSealed(sealedRecord.Header));
        var last = (await harness.AuditEntriesAsync())[^1];
        Assert.Equal((AuditAction.HeaderSealed, "format 2 to 3"), (last.Action, last.Outcome));

        await harness.Vault.LockAsync(VaultHarness.Actor);
        var flipped = sealedRecord.Header.ToArray();
        flipped[50] ^= 0x01;
        Assert.True(await harness.VaultStore.TryReplaceHeaderAsync(sealedRecord.Revision, flipped, null, CancellationToken.None));
        var error = await Assert.ThrowsAsync<VaultException>(() => harness.Vault.UnlockAsync("not-the-password-at-all-9", VaultHarness.Actor));
        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
    }

    /// <summary>The header as format 2 wrote it: version byte 2, its MAC under the data key, a SHA-256 checksum last.</summary>
    private static byte[] AsVersion2(byte[] version3, ReadOnlySpan<byte> dek)
    {
        var bytes = version3.ToArray();
        bytes[4] = 2;
        var macKey = HKDF.Expand(HashAlgorithmName.SHA256, dek.ToArray(), 32, "keyfolio/vault/header/v1"u8.ToArray());
        HMACSHA256.HashData(macKey, bytes.AsSpan(0, bytes.Length - 64), bytes.AsSpan(bytes.Length - 64, 32));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        return bytes;
    }
}
