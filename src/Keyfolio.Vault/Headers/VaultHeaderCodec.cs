using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Formats;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Headers;

/// <summary>
/// The vault header's byte format (big-endian). Version 2, written since Argon2id:
/// <c>"KFVH" | version 2 | vault id 16 | created (Unix ms) 8 | KDF 1 | iterations 4 | memory KiB 4 | parallelism 1 |
/// salt length 1 | salt | key id 4 | password wrap 60 | recovery flag 1 | [recovery public key 65 | ephemeral public
/// key 65 | recovery wrap 60] | MAC 32 | SHA-256 of everything before it 32</c>.
/// Version 1, which earlier versions wrote and which is still read (and rewritten as version 2 on the next unlock):
/// <c>"KFVH" | version 1 | vault id 16 | created 8 | KDF 1 (PBKDF2) | iterations 4 | salt 32 | key id 4 | …</c> as above.
/// The checksum tells damage apart from a wrong password before any key is derived. The MAC, HMAC-SHA256 of everything
/// before it under a key derived from the data key, makes the whole header authentic: whoever can write the database
/// but does not hold the data key cannot change a field (a recovery public key, say) without it failing.
/// </summary>
internal static class VaultHeaderCodec
{
    public const byte CurrentVersion = 2;

    public const int MacSize = 32;

    private const byte Version1 = 1;
    private const string What = "vault header";
    private const int ChecksumSize = 32;

    private static ReadOnlySpan<byte> Magic => "KFVH"u8;

    private static ReadOnlySpan<byte> MacKeyInfo => "keyfolio/vault/header/v1"u8;

    /// <summary>The header's bytes in the current version, authenticated under <paramref name="dek"/>, the data key it wraps.</summary>
    public static byte[] Encode(VaultHeader header, ReadOnlySpan<byte> dek)
    {
        if (header.Salt.Length != header.Kdf.SaltSize)
        {
            throw new ArgumentException("The salt does not have the size the header's key derivation uses.", nameof(header));
        }

        var bodySize = 4 + 1 + 16 + 8 + 1 + 4 + 4 + 1 + 1 + header.Salt.Length + 4 + WrappedKey.EncodedSize + 1
            + (header.Recovery is null ? 0 : RecoveryWrap.EncodedSize);
        var bytes = new byte[bodySize + MacSize + ChecksumSize];
        var writer = new SpanWriter(bytes);
        writer.WriteBytes(Magic);
        writer.WriteByte(CurrentVersion);
        writer.WriteGuid(header.VaultId);
        writer.WriteInt64(header.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteByte((byte)header.Kdf.Algorithm);
        writer.WriteUInt32((uint)header.Kdf.Iterations);
        writer.WriteUInt32((uint)header.Kdf.MemoryKiB);
        writer.WriteByte((byte)header.Kdf.Parallelism);
        writer.WriteByte((byte)header.Salt.Length);
        writer.WriteBytes(header.Salt);
        writer.WriteUInt32(header.KeyId);
        header.PasswordWrap.WriteTo(writer.Take(WrappedKey.EncodedSize));
        if (header.Recovery is { } recovery)
        {
            writer.WriteByte(1);
            writer.WriteBytes(recovery.RecoveryPublicKey);
            writer.WriteBytes(recovery.EphemeralPublicKey);
            recovery.WrappedDek.WriteTo(writer.Take(WrappedKey.EncodedSize));
        }
        else
        {
            writer.WriteByte(0);
        }

        ComputeMac(dek, bytes.AsSpan(0, bodySize), writer.Take(MacSize));
        SHA256.HashData(bytes.AsSpan(0, bodySize + MacSize), writer.Take(ChecksumSize));
        return bytes;
    }

    /// <summary>
    /// True when the MAC of a header that <see cref="Decode"/> read is the one <paramref name="dek"/> gives: nobody
    /// without the data key changed it. Check it as soon as the data key is unwrapped, before the header is used.
    /// </summary>
    public static bool IsAuthentic(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> dek)
    {
        if (encoded.Length < MacSize + ChecksumSize)
        {
            return false;
        }

        var macAt = encoded.Length - MacSize - ChecksumSize;
        Span<byte> expected = stackalloc byte[MacSize];
        ComputeMac(dek, encoded[..macAt], expected);
        return CryptographicOperations.FixedTimeEquals(expected, encoded.Slice(macAt, MacSize));
    }

    /// <summary>
    /// Parses and checks a header of either version: damaged or truncated → <see cref="VaultErrorKind.Corrupted"/>;
    /// another format → <see cref="VaultErrorKind.UnknownVersion"/>; a weak KDF → <see cref="VaultErrorKind.KdfBelowFloor"/>.
    /// </summary>
    public static VaultHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes, What);
        if (!reader.ReadBytes(Magic.Length).SequenceEqual(Magic))
        {
            throw new VaultException(VaultErrorKind.Corrupted, "The vault header is not a Keyfolio vault header; it is damaged.");
        }

        var version = reader.ReadByte();
        if (version is not (Version1 or CurrentVersion))
        {
            throw new VaultException(
                VaultErrorKind.UnknownVersion,
                $"The vault was written in header format {version}, which this version of Keyfolio does not read (it reads formats {Version1} and {CurrentVersion}). Update Keyfolio to open it.");
        }

        if (bytes.Length < MacSize + ChecksumSize + reader.Position
            || !SHA256.HashData(bytes[..^ChecksumSize]).AsSpan().SequenceEqual(bytes[^ChecksumSize..]))
        {
            throw reader.Damaged();
        }

        var body = new SpanReader(bytes[..^(MacSize + ChecksumSize)], What);
        body.ReadBytes(Magic.Length + 1);
        var vaultId = body.ReadGuid();
        var createdAtMs = body.ReadInt64();
        if (createdAtMs is < -62_135_596_800_000 or > 253_402_300_799_999)
        {
            throw body.Damaged();
        }

        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAtMs);
        var kdf = ReadKdf(ref body, version);
        kdf.EnsureAcceptable("vault");
        var salt = body.ReadBytes(version == Version1 ? kdf.SaltSize : body.ReadByte()).ToArray();
        if (salt.Length != kdf.SaltSize)
        {
            throw body.Damaged();
        }

        var keyId = body.ReadUInt32();
        var passwordWrap = WrappedKey.Read(body.ReadBytes(WrappedKey.EncodedSize));
        var recovery = body.ReadByte() switch
        {
            0 => null,
            1 => new RecoveryWrap(
                body.ReadBytes(RecoveryWrap.PublicKeySize).ToArray(),
                body.ReadBytes(RecoveryWrap.PublicKeySize).ToArray(),
                WrappedKey.Read(body.ReadBytes(WrappedKey.EncodedSize))),
            _ => throw body.Damaged(),
        };
        body.EnsureEnd();
        return new VaultHeader(vaultId, createdAt, kdf, salt, keyId, passwordWrap, recovery);
    }

    private static KdfParameters ReadKdf(ref SpanReader body, byte version)
    {
        var algorithm = (KdfAlgorithm)body.ReadByte();
        if (!Enum.IsDefined(algorithm) || (version == Version1 && algorithm != KdfAlgorithm.Pbkdf2HmacSha256))
        {
            throw new VaultException(
                VaultErrorKind.UnknownVersion,
                "The vault uses a key-derivation function this version of Keyfolio does not know. Update Keyfolio to open it.");
        }

        var iterations = Clamp(body.ReadUInt32());
        if (version == Version1)
        {
            return KdfParameters.Pbkdf2(iterations);
        }

        var memoryKiB = Clamp(body.ReadUInt32());
        var parallelism = body.ReadByte();
        return new KdfParameters(algorithm, iterations, memoryKiB, parallelism);
    }

    private static int Clamp(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;

    private static void ComputeMac(ReadOnlySpan<byte> dek, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            HKDF.Expand(HashAlgorithmName.SHA256, dek, key, MacKeyInfo);
            HMACSHA256.HashData(key, body, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
