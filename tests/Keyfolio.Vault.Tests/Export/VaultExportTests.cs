using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Kdf;
using Keyfolio.Testing.Contracts;
using Keyfolio.Vault.Tests.Support;

namespace Keyfolio.Vault.Tests.Export;

public sealed class VaultExportTests
{
    private const string ExportPassword = "orchid-tunnel-velvet-88";
    private static readonly AuditContext Actor = VaultHarness.Actor;

    [Fact]
    public async Task An_export_imports_every_credential_with_its_metadata()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"), ("b", "okx"), ("c", "gate"));
        var metadata = new Dictionary<string, byte[]> { ["a"] = Encoding.UTF8.GetBytes("{\"label\":\"Main\"}"), ["c"] = [1, 2, 3] };

        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, metadata, Actor);
        await using var target = await VaultHarness.StartAsync();
        await target.Vault.CreateAsync(VaultHarness.NewPassword, withRecoveryKey: false, Actor);
        using var import = await target.Vault.ImportAsync(file, ExportPassword, Actor);

        Assert.Equal((await source.Vault.GetInfoAsync())!.VaultId, import.SourceVaultId);
        Assert.Equal(source.Time.GetUtcNow().ToUnixTimeMilliseconds(), import.ExportedAt.ToUnixTimeMilliseconds());
        Assert.Equal(["a", "b", "c"], import.Items.Select(item => item.Address.CredentialId));
        Assert.Equal(["binance", "okx", "gate"], import.Items.Select(item => item.Address.Exchange));
        Assert.All(import.Items, item => Assert.Equal(PayloadOf(item.Address.CredentialId), item.Payload.ToArray()));
        Assert.Equal(metadata["a"], import.Items[0].Metadata.ToArray());
        Assert.Empty(import.Items[1].Metadata.ToArray());
        Assert.Equal(AuditAction.Exported, (await source.AuditEntriesAsync())[^1].Action);
        Assert.Equal(AuditAction.Imported, (await target.AuditEntriesAsync())[^1].Action);
    }

    [Fact]
    public async Task Importing_into_a_vault_that_has_credentials_keeps_every_one_of_them()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"), ("shared-id", "okx"));
        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, new Dictionary<string, byte[]>(), Actor);
        await using var target = await VaultWithCredentialsAsync(("shared-id", "htx"), ("z", "bitfinex"));
        var existing = await target.Vault.OpenCredentialAsync("shared-id");
        var existingPayload = existing.Payload.ToArray();
        existing.Dispose();

        using var import = await target.Vault.ImportAsync(file, ExportPassword, Actor);
        foreach (var item in import.Items)
        {
            var id = await target.VaultStore.ReadCredentialAsync(item.Address.CredentialId, CancellationToken.None) is null
                ? item.Address.CredentialId
                : item.Address.CredentialId + "-imported";
            await target.Vault.AddCredentialAsync(new CredentialAddress(id, item.Address.Exchange), item.Payload.ToArray(), Actor);
        }

        var clash = await Assert.ThrowsAsync<VaultException>(() => target.Vault.AddCredentialAsync(new CredentialAddress("shared-id", "okx"), new byte[] { 9 }, Actor));
        Assert.Equal(VaultErrorKind.CredentialExists, clash.Kind);
        using var kept = await target.Vault.OpenCredentialAsync("shared-id");
        using var untouched = await target.Vault.OpenCredentialAsync("z");
        using var imported = await target.Vault.OpenCredentialAsync("shared-id-imported");
        using var added = await target.Vault.OpenCredentialAsync("a");
        Assert.Equal(existingPayload, kept.Payload.ToArray());
        Assert.Equal("htx", kept.Address.Exchange);
        Assert.Equal(PayloadOf("z"), untouched.Payload.ToArray());
        Assert.Equal("okx", imported.Address.Exchange);
        Assert.Equal(PayloadOf("a"), added.Payload.ToArray());
    }

    [Fact]
    public async Task A_wrong_export_password_is_reported_as_such()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"));
        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, new Dictionary<string, byte[]>(), Actor);

        var error = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(file, "not-the-export-password", Actor));

        Assert.Equal(VaultErrorKind.WrongPassword, error.Kind);
        Assert.Equal("The export password is wrong.", error.Message);
    }

    [Fact]
    public async Task Any_flipped_byte_or_truncation_is_reported_as_a_damaged_file()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"));
        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, new Dictionary<string, byte[]>(), Actor);
        var flipped = file.ToArray();
        flipped[file.Length / 2] ^= 0x20;

        var damaged = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(flipped, ExportPassword, Actor));
        var truncated = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(file[..^1], ExportPassword, Actor));
        var empty = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(Array.Empty<byte>(), ExportPassword, Actor));

        Assert.All(new[] { damaged, truncated, empty }, error => Assert.Equal(VaultErrorKind.Corrupted, error.Kind));
    }

    [Fact]
    public async Task An_export_file_from_a_newer_format_or_below_the_KDF_floor_is_refused()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"));
        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, new Dictionary<string, byte[]>(), Actor);
        var newer = file.ToArray();
        newer[4] = 9;
        var weak = file.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(weak.AsSpan(6), 1);
        SHA256.HashData(weak.AsSpan(0, weak.Length - 32), weak.AsSpan(weak.Length - 32));

        var unknown = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(newer, ExportPassword, Actor));
        var belowFloor = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ImportAsync(weak, ExportPassword, Actor));

        Assert.Equal(VaultErrorKind.UnknownVersion, unknown.Kind);
        Assert.Equal(VaultErrorKind.KdfBelowFloor, belowFloor.Kind);
        Assert.Equal(((byte)2, (byte)KdfAlgorithm.Argon2id), (file[4], file[5]));
        Assert.Equal(KdfParameters.Floor.Iterations, (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(6)));
        Assert.Equal(KdfParameters.Floor.MemoryKiB, (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10)));
    }

    [Fact]
    public async Task An_export_file_written_before_Argon2id_in_format_1_with_PBKDF2_still_imports()
    {
        var sourceVaultId = Guid.Parse("0b7e54a1-9c3d-4e2f-8a61-5d4c3b2a1908");
        var payload = Encoding.UTF8.GetBytes("{\"apiKey\":\"legacy\",\"secret\":\"export\"}");
        var file = Version1Export(sourceVaultId, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), "legacy-1", "kraken", payload);
        await using var target = await VaultHarness.StartAsync();
        await target.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);

        using var import = await target.Vault.ImportAsync(file, ExportPassword, Actor);
        var wrong = await Assert.ThrowsAsync<VaultException>(() => target.Vault.ImportAsync(file, "not-the-export-password-1", Actor));

        Assert.Equal(sourceVaultId, import.SourceVaultId);
        Assert.Equal(("legacy-1", "kraken"), (import.Items.Single().Address.CredentialId, import.Items.Single().Address.Exchange));
        Assert.Equal(payload, import.Items.Single().Payload.ToArray());
        Assert.Equal(VaultErrorKind.WrongPassword, wrong.Kind);
    }

    /// <summary>An export file as versions before Argon2id wrote it: format 1, PBKDF2 at the floor (docs/security.md).</summary>
    private static byte[] Version1Export(Guid vaultId, DateTimeOffset exportedAt, string credentialId, string exchange, byte[] payload)
    {
        var plaintext = new List<byte>();
        plaintext.AddRange(vaultId.ToByteArray(bigEndian: true));
        plaintext.AddRange(BigEndian((ulong)exportedAt.ToUnixTimeMilliseconds()));
        plaintext.AddRange(BigEndian(1u));
        foreach (var text in new[] { credentialId, exchange })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            plaintext.Add((byte)(bytes.Length >> 8));
            plaintext.Add((byte)bytes.Length);
            plaintext.AddRange(bytes);
        }

        foreach (var bytes in new[] { payload, Array.Empty<byte>() })
        {
            plaintext.AddRange(BigEndian((uint)bytes.Length));
            plaintext.AddRange(bytes);
        }

        var salt = RandomNumberGenerator.GetBytes(32);
        byte[] preamble = [.. "KFVX"u8.ToArray(), 1, 1, .. BigEndian((uint)KdfParameters.Pbkdf2MinimumIterations), .. salt];
        var masterKey = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(ExportPassword), salt, KdfParameters.Pbkdf2MinimumIterations, HashAlgorithmName.SHA256, 32);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, masterKey, 32, "keyfolio/export/key/v1"u8.ToArray());
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var ciphertext = new byte[plaintext.Count];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plaintext.ToArray(), ciphertext, tag, preamble);
        }

        byte[] body = [.. preamble, .. nonce, .. tag, .. ciphertext];
        return [.. body, .. SHA256.HashData(body)];
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public async Task Exporting_needs_the_master_password_and_an_acceptable_export_password()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"));

        var weak = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ExportAsync(VaultHarness.Password, "12345678", new Dictionary<string, byte[]>(), Actor));
        var wrong = await Assert.ThrowsAsync<VaultException>(() => source.Vault.ExportAsync("not-the-master-password", ExportPassword, new Dictionary<string, byte[]>(), Actor));

        Assert.Equal(VaultErrorKind.PasswordRejected, weak.Kind);
        Assert.Equal(VaultErrorKind.WrongPassword, wrong.Kind);
        Assert.Equal(AuditAction.UnlockFailed, (await source.AuditEntriesAsync())[^1].Action);
    }

    [Fact]
    public async Task The_export_file_holds_no_plaintext_secret()
    {
        await using var source = await VaultWithCredentialsAsync(("a", "binance"));
        await source.Vault.AddCredentialAsync(new CredentialAddress("canary", "okx"), Canary.Payload, Actor);

        var file = await source.Vault.ExportAsync(VaultHarness.Password, ExportPassword, new Dictionary<string, byte[]>(), Actor);

        Canary.AssertAbsent(file, "the export file");
        Assert.Equal("KFVX"u8.ToArray(), file[..4]);
    }

    private static byte[] PayloadOf(string credentialId) => Encoding.UTF8.GetBytes($"{{\"apiKey\":\"key-{credentialId}\",\"secret\":\"secret-{credentialId}\"}}");

    private static async Task<VaultHarness> VaultWithCredentialsAsync(params (string Id, string Exchange)[] credentials)
    {
        var harness = await VaultHarness.StartAsync();
        await harness.Vault.CreateAsync(VaultHarness.Password, withRecoveryKey: false, Actor);
        foreach (var (id, exchange) in credentials)
        {
            await harness.Vault.AddCredentialAsync(new CredentialAddress(id, exchange), PayloadOf(id), Actor);
        }

        return harness;
    }
}
