using System.Security.Cryptography;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Formats;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Export;

/// <summary>
/// The export file (big-endian). Version 2, written since Argon2id:
/// <c>"KFVX" | version 2 | KDF 1 | iterations 4 | memory KiB 4 | parallelism 1 | salt length 1 | salt | nonce 12 |
/// tag 16 | ciphertext | SHA-256 of all before 32</c>. Version 1, which earlier versions wrote and which is still
/// imported: <c>"KFVX" | version 1 | KDF 1 (PBKDF2) | iterations 4 | salt 32 | nonce 12 | …</c> as above.
/// The ciphertext is AES-256-GCM under HKDF(KDF(export password)), with the bytes up to the salt as
/// associated data; its plaintext is <c>source vault id 16 | exported at (Unix ms) 8 | count 4 | items</c>, each
/// item <c>credential id | exchange</c> (UTF-8, 16-bit length) <c>| payload | metadata</c> (32-bit length).
/// The checksum tells a damaged file apart from a wrong password.
/// </summary>
internal static class VaultExportFormat
{
    public const byte CurrentVersion = 2;

    private const byte Version1 = 1;
    private const string What = "export file";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int ChecksumSize = 32;
    private const int MaxItems = 1_000_000;

    private static ReadOnlySpan<byte> Magic => "KFVX"u8;

    /// <summary>The plaintext size of an export holding items with these field sizes.</summary>
    public static int PlaintextSize(IEnumerable<(CredentialAddress Address, int PayloadLength, int MetadataLength)> items) =>
        16 + 8 + 4 + items.Sum(item =>
            SpanWriter.String16Size(item.Address.CredentialId)
            + SpanWriter.String16Size(item.Address.Exchange)
            + SpanWriter.Bytes32Size(item.PayloadLength)
            + SpanWriter.Bytes32Size(item.MetadataLength));

    public static void WritePlaintextHeader(ref SpanWriter writer, Guid vaultId, DateTimeOffset exportedAt, int count)
    {
        writer.WriteGuid(vaultId);
        writer.WriteInt64(exportedAt.ToUnixTimeMilliseconds());
        writer.WriteUInt32((uint)count);
    }

    public static void WriteItem(ref SpanWriter writer, CredentialAddress address, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> metadata)
    {
        writer.WriteString16(address.CredentialId);
        writer.WriteString16(address.Exchange);
        writer.WriteBytes32(payload);
        writer.WriteBytes32(metadata);
    }

    /// <summary>Encrypts a finished plaintext under a key derived from the (normalised) export password.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<char> normalizedPassword, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var preambleSize = 4 + 1 + 1 + 4 + 4 + 1 + 1 + parameters.SaltSize;
        var file = new byte[preambleSize + NonceSize + TagSize + plaintext.Length + ChecksumSize];
        var writer = new SpanWriter(file);
        writer.WriteBytes(Magic);
        writer.WriteByte(CurrentVersion);
        writer.WriteByte((byte)parameters.Algorithm);
        writer.WriteUInt32((uint)parameters.Iterations);
        writer.WriteUInt32((uint)parameters.MemoryKiB);
        writer.WriteByte((byte)parameters.Parallelism);
        writer.WriteByte((byte)parameters.SaltSize);
        var salt = writer.Take(parameters.SaltSize);
        RandomNumberGenerator.Fill(salt);
        var nonce = writer.Take(NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var tag = writer.Take(TagSize);
        var ciphertext = writer.Take(plaintext.Length);
        using (var key = new SecretBuffer(PasswordKeyDerivation.KeySize))
        {
            PasswordKeyDerivation.DeriveKey(normalizedPassword, salt, parameters, PasswordKeyDerivation.ExportKeyInfo, key.Span);
            using var aes = new AesGcm(key.Span, TagSize);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, file.AsSpan(0, preambleSize));
        }

        SHA256.HashData(file.AsSpan(0, file.Length - ChecksumSize), writer.Take(ChecksumSize));
        return file;
    }

    /// <summary>
    /// Checks and decrypts an export file: damaged or truncated → <see cref="VaultErrorKind.Corrupted"/>; another
    /// format → <see cref="VaultErrorKind.UnknownVersion"/>; weak KDF → <see cref="VaultErrorKind.KdfBelowFloor"/>;
    /// wrong password → <see cref="VaultErrorKind.WrongPassword"/>.
    /// </summary>
    public static VaultImport Open(ReadOnlySpan<byte> file, ReadOnlySpan<char> normalizedPassword)
    {
        var reader = new SpanReader(file, What);
        if (!reader.ReadBytes(Magic.Length).SequenceEqual(Magic))
        {
            throw new VaultException(VaultErrorKind.Corrupted, "The file is not a Keyfolio export file.");
        }

        var version = reader.ReadByte();
        if (version is not (Version1 or CurrentVersion))
        {
            throw new VaultException(
                VaultErrorKind.UnknownVersion,
                $"The export file was written in format {version}, which this version of Keyfolio does not read (it reads formats {Version1} and {CurrentVersion}). Update Keyfolio to import it.");
        }

        if (file.Length < reader.Position + ChecksumSize
            || !SHA256.HashData(file[..^ChecksumSize]).AsSpan().SequenceEqual(file[^ChecksumSize..]))
        {
            throw reader.Damaged();
        }

        var algorithm = (KdfAlgorithm)reader.ReadByte();
        if (!Enum.IsDefined(algorithm) || (version == Version1 && algorithm != KdfAlgorithm.Pbkdf2HmacSha256))
        {
            throw new VaultException(VaultErrorKind.UnknownVersion, "The export file uses a key-derivation function this version of Keyfolio does not know. Update Keyfolio to import it.");
        }

        var iterations = Clamp(reader.ReadUInt32());
        var parameters = version == Version1
            ? KdfParameters.Pbkdf2(iterations)
            : new KdfParameters(algorithm, iterations, Clamp(reader.ReadUInt32()), reader.ReadByte());
        parameters.EnsureAcceptable("export file");
        var salt = reader.ReadBytes(version == Version1 ? parameters.SaltSize : reader.ReadByte());
        if (salt.Length != parameters.SaltSize || file.Length < reader.Position + NonceSize + TagSize + ChecksumSize)
        {
            throw reader.Damaged();
        }

        var preambleSize = reader.Position;
        var nonce = reader.ReadBytes(NonceSize);
        var tag = reader.ReadBytes(TagSize);
        var ciphertext = file[reader.Position..^ChecksumSize];
        using var plaintext = new SecretBuffer(ciphertext.Length);
        using (var key = new SecretBuffer(PasswordKeyDerivation.KeySize))
        {
            PasswordKeyDerivation.DeriveKey(normalizedPassword, salt, parameters, PasswordKeyDerivation.ExportKeyInfo, key.Span);
            using var aes = new AesGcm(key.Span, TagSize);
            try
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext.Span, file[..preambleSize]);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new VaultException(VaultErrorKind.WrongPassword, "The export password is wrong.");
            }
        }

        return ReadItems(plaintext.Span);
    }

    private static int Clamp(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;

    private static VaultImport ReadItems(ReadOnlySpan<byte> plaintext)
    {
        var reader = new SpanReader(plaintext, What);
        var vaultId = reader.ReadGuid();
        var exportedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        var count = reader.ReadUInt32();
        if (count > MaxItems)
        {
            throw reader.Damaged();
        }

        var items = new List<VaultExportItem>((int)count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var credentialId = reader.ReadString16();
                var exchange = reader.ReadString16();
                var address = ToAddress(credentialId, exchange) ?? throw reader.Damaged();
                var payload = reader.ReadBytes32();
                var metadata = reader.ReadBytes32().ToArray();
                items.Add(new VaultExportItem(address, SecretBuffer.CopyOf(payload), metadata));
            }

            reader.EnsureEnd();
            return new VaultImport(vaultId, exportedAt, items);
        }
        catch
        {
            foreach (var item in items)
            {
                item.Dispose();
            }

            throw;
        }
    }

    private static CredentialAddress? ToAddress(string credentialId, string exchange)
    {
        try
        {
            return new CredentialAddress(credentialId, exchange);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
