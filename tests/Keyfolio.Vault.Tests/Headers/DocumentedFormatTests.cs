using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Kdf;
using Keyfolio.Vault.Tests.Support;

namespace Keyfolio.Vault.Tests.Headers;

/// <summary>
/// A vault and a credential built byte by byte from docs/security.md with .NET's primitives alone, then opened by
/// the vault: the documented formats and the code agree, and a vault written to them stays readable.
/// </summary>
public sealed class DocumentedFormatTests
{
    [Fact]
    public async Task A_vault_written_to_the_documented_version_1_format_opens_its_credential_decrypts_and_it_is_upgraded_to_Argon2id()
    {
        await using var harness = await VaultHarness.StartAsync();
        var vaultId = Guid.Parse("6f1d2c3b-4a59-4e87-9c10-2b3a4d5e6f70");
        var salt = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        var dek = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        const uint KeyId = 3;

        var masterKey = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(VaultHarness.Password), salt, KdfParameters.Pbkdf2MinimumIterations, HashAlgorithmName.SHA256, 32);
        var kek = HKDF.Expand(HashAlgorithmName.SHA256, masterKey, 32, Encoding.ASCII.GetBytes("keyfolio/vault/kek/v1"));
        var (wrapNonce, wrapTag, wrappedDek) = Seal(kek, dek, Encoding.ASCII.GetBytes($"dek|v1|{vaultId:D}|password|{KeyId}"));

        var header = new List<byte>();
        header.AddRange("KFVH"u8.ToArray());
        header.Add(1);
        header.AddRange(vaultId.ToByteArray(bigEndian: true));
        header.AddRange(BigEndian(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeMilliseconds()));
        header.Add(1);
        header.AddRange(BigEndian((uint)KdfParameters.Pbkdf2MinimumIterations));
        header.AddRange(salt);
        header.AddRange(BigEndian(KeyId));
        header.AddRange(wrapNonce);
        header.AddRange(wrapTag);
        header.AddRange(wrappedDek);
        header.Add(0);
        var macKey = HKDF.Expand(HashAlgorithmName.SHA256, dek, 32, Encoding.ASCII.GetBytes("keyfolio/vault/header/v1"));
        header.AddRange(HMACSHA256.HashData(macKey, header.ToArray()));
        header.AddRange(SHA256.HashData([.. header]));

        var payload = Encoding.UTF8.GetBytes("{\"apiKey\":\"documented\",\"secret\":\"format\"}");
        var (nonce, tag, ciphertext) = Seal(dek, payload, Encoding.ASCII.GetBytes($"cred|v1|{vaultId:D}|row-9|okx"));
        byte[] envelope = [1, 1, .. BigEndian(KeyId), .. nonce, .. tag, .. ciphertext];

        Assert.True(await harness.VaultStore.TryCreateHeaderAsync([.. header], null, CancellationToken.None));
        Assert.True(await harness.VaultStore.TryAddCredentialAsync(new StoredCredential(new CredentialAddress("row-9", "okx"), envelope), null, CancellationToken.None));
        var vault = harness.Vault;
        await vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor);
        using var credential = await vault.OpenCredentialAsync("row-9");

        Assert.Equal(payload, credential.Payload.ToArray());
        var info = (await vault.GetInfoAsync())!;
        Assert.Equal((vaultId, KeyId, KdfParameters.Floor, false), (info.VaultId, info.KeyGeneration, info.Kdf, info.HasRecoveryKey));
        var upgraded = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header;
        Assert.Equal([.. "KFVH"u8.ToArray(), 3], upgraded[..5]);
        Assert.Equal((byte)KdfAlgorithm.Argon2id, upgraded[29]);
        Assert.Equal((uint)KdfParameters.Floor.Iterations, BinaryPrimitives.ReadUInt32BigEndian(upgraded.AsSpan(30)));
        Assert.Equal((uint)KdfParameters.Floor.MemoryKiB, BinaryPrimitives.ReadUInt32BigEndian(upgraded.AsSpan(34)));
        Assert.Equal(((byte)1, (byte)16), (upgraded[38], upgraded[39]));
        Assert.Equal(HMACSHA256.HashData(macKey, upgraded.AsSpan(0, upgraded.Length - 64)), upgraded[^64..^32]);
        var sealKey = SealKey(harness.Directory);
        Assert.Equal(HMACSHA256.HashData(sealKey, upgraded.AsSpan(0, upgraded.Length - 32)), upgraded[^32..]);
        Assert.Equal(AuditAction.KdfUpgraded, (await harness.AuditEntriesAsync())[^1].Action);
        await vault.LockAsync(VaultHarness.Actor);
        await vault.UnlockAsync(VaultHarness.Password, VaultHarness.Actor);
        using (var again = await vault.OpenCredentialAsync("row-9"))
        {
            Assert.Equal(payload, again.Payload.ToArray());
        }

        var written = vault.Encrypt(new CredentialAddress("row-9", "okx"), payload).Envelope;
        var opened = new byte[written.Length - 34];
        using var aes = new AesGcm(dek, 16);
        aes.Decrypt(written.AsSpan(6, 12), written.AsSpan(34), written.AsSpan(18, 16), opened, Encoding.ASCII.GetBytes($"cred|v1|{vaultId:D}|row-9|okx"));
        Assert.Equal(payload, opened);
        Assert.Equal([1, 1, .. BigEndian(KeyId)], written[..6]);

        await vault.ChangePasswordAsync(VaultHarness.Password, VaultHarness.NewPassword, VaultHarness.Actor);
        var rewritten = (await harness.VaultStore.ReadHeaderAsync(CancellationToken.None))!.Header;
        Assert.Equal(HMACSHA256.HashData(macKey, rewritten.AsSpan(0, rewritten.Length - 64)), rewritten[^64..^32]);
        Assert.Equal(HMACSHA256.HashData(sealKey, rewritten.AsSpan(0, rewritten.Length - 32)), rewritten[^32..]);
    }

    /// <summary>The header seal key as docs/security.md derives it: HKDF-SHA256 expand of the key in audit.key ("KFAK" | 1 | key 32).</summary>
    private static byte[] SealKey(string dataDirectory)
    {
        var file = File.ReadAllBytes(Path.Combine(dataDirectory, "audit.key"));
        Assert.Equal([.. "KFAK"u8.ToArray(), 1], file[..5]);
        return HKDF.Expand(HashAlgorithmName.SHA256, file[5..], 32, Encoding.ASCII.GetBytes("keyfolio/vault/header/seal/v1"));
    }

    private static (byte[] Nonce, byte[] Tag, byte[] Ciphertext) Seal(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var ciphertext = new byte[plaintext.Length];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        return (nonce, tag, ciphertext);
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
