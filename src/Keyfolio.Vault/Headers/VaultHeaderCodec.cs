using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Formats;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Headers;

/// <summary>
/// The vault header's byte format (big-endian). Version 3, written since the header is sealed:
/// <c>"KFVH" | version 3 | vault id 16 | created (Unix ms) 8 | KDF 1 | iterations 4 | memory KiB 4 | parallelism 1 |
/// salt length 1 | salt | key id 4 | password wrap 60 | recovery flag 1 | [recovery public key 65 | ephemeral public
/// key 65 | recovery wrap 60] | MAC 32 | seal 32</c>.
/// The MAC, HMAC-SHA256 of the body under a key derived from the data key, makes the header authentic to whoever holds
/// the data key. The seal, HMAC-SHA256 of everything before it under <see cref="HeaderSealKey"/> (derived from the data
/// directory's audit key), is checked before any key is derived from the password: a header changed by someone who can
/// write the database but not read <c>audit.key</c> is refused as altered, never answered as a wrong password. Every
/// version from 3 on ends with the seal, so a header of a newer version is recognised as such only when it is sealed.
/// Versions 2 and 1, which earlier versions wrote, are still read and rewritten as version 3 on the next unlock:
/// version 2 as version 3 but ending <c>MAC 32 | SHA-256 of everything before it 32</c>; version 1
/// <c>"KFVH" | version 1 | vault id 16 | created 8 | KDF 1 (PBKDF2) | iterations 4 | salt 32 | key id 4 | …</c> as version 2.
/// </summary>
internal static class VaultHeaderCodec
{
    public const byte CurrentVersion = 3;

    public const int MacSize = 32;

    private const byte Version1 = 1;
    private const byte Version2 = 2;
    private const string What = "vault header";
    private const string AuditKeyFileName = "audit.key";
    private const int ChecksumSize = 32;

    private static ReadOnlySpan<byte> Magic => "KFVH"u8;

    private static ReadOnlySpan<byte> MacKeyInfo => "keyfolio/vault/header/v1"u8;

    /// <summary>
    /// The header's bytes in the current version, authenticated under <paramref name="dek"/>, the data key it wraps, and
    /// sealed under <paramref name="seal"/>, the data directory's header seal key.
    /// </summary>
    public static byte[] Encode(VaultHeader header, ReadOnlySpan<byte> dek, HeaderSealKey seal)
    {
        if (header.Salt.Length != header.Kdf.SaltSize)
        {
            throw new ArgumentException("The salt does not have the size the header's key derivation uses.", nameof(header));
        }

        var bodySize = 4 + 1 + 16 + 8 + 1 + 4 + 4 + 1 + 1 + header.Salt.Length + 4 + WrappedKey.EncodedSize + 1
            + (header.Recovery is null ? 0 : RecoveryWrap.EncodedSize);
        ArgumentNullException.ThrowIfNull(seal);
        var bytes = new byte[bodySize + MacSize + HeaderSealKey.SealSize];
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
        seal.Seal(bytes.AsSpan(0, bodySize + MacSize), writer.Take(HeaderSealKey.SealSize));
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
    /// Parses and checks a header of any version this build reads, before any key is derived from a password. A header
    /// that is neither sealed under <paramref name="seal"/> nor an intact header of an earlier format (checksum right)
    /// was altered (or damaged) → <see cref="VaultErrorKind.HeaderAltered"/>; a sealed header of a newer format →
    /// <see cref="VaultErrorKind.UnknownVersion"/>; a weak KDF → <see cref="VaultErrorKind.KdfBelowFloor"/>; a
    /// malformed one → <see cref="VaultErrorKind.Corrupted"/>.
    /// </summary>
    public static VaultHeader Decode(ReadOnlySpan<byte> bytes, HeaderSealKey seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        byte version;
        if (IsIntactEarlierFormat(bytes))
        {
            version = bytes[Magic.Length];
        }
        else if (seal.IsSealed(bytes) && bytes.Length >= Magic.Length + 1 + MacSize + HeaderSealKey.SealSize)
        {
            if (!bytes[..Magic.Length].SequenceEqual(Magic))
            {
                throw new VaultException(VaultErrorKind.Corrupted, "The vault header is not a Keyfolio vault header; it is damaged.");
            }

            version = bytes[Magic.Length];
            if (version > CurrentVersion)
            {
                throw new VaultException(
                    VaultErrorKind.UnknownVersion,
                    $"The vault was written in header format {version}, which this version of Keyfolio does not read (it reads formats {Version1} to {CurrentVersion}). Update Keyfolio to open it.");
            }

            if (version != CurrentVersion)
            {
                throw new SpanReader(bytes, What).Damaged();
            }
        }
        else
        {
            throw Altered();
        }

        // The seal of version 3 is as long as the checksum of the earlier versions: the body ends 64 bytes before the end.
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
        return new VaultHeader(vaultId, createdAt, kdf, salt, keyId, passwordWrap, recovery) { FormatVersion = version };
    }

    /// <summary>The answer for a header whose seal or data-key MAC does not match what it holds.</summary>
    public static VaultException Altered() => new(
        VaultErrorKind.HeaderAltered,
        $"The vault header was altered: it does not carry the authentication code Keyfolio sealed it with, so it was changed after Keyfolio wrote it (by someone with access to the database, by damage to the disk, or because {AuditKeyFileName} was replaced). Nothing was opened or changed, and no password was tried.");

    /// <summary>A header of format 1 or 2 whose checksum is right: those formats had no seal.</summary>
    private static bool IsIntactEarlierFormat(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= Magic.Length + 1 + MacSize + ChecksumSize
        && bytes[..Magic.Length].SequenceEqual(Magic)
        && bytes[Magic.Length] is Version1 or Version2
        && SHA256.HashData(bytes[..^ChecksumSize]).AsSpan().SequenceEqual(bytes[^ChecksumSize..]);

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
