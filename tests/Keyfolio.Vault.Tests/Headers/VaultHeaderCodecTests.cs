using System.Buffers.Binary;
using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Headers;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Tests.Headers;

public sealed class VaultHeaderCodecTests
{
    private const int IterationsOffset = 4 + 1 + 16 + 8 + 1;

    private static readonly byte[] Dek = RandomNumberGenerator.GetBytes(WrappedKey.KeySize);

    private static readonly HeaderSealKey Seal = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_header_reads_back_as_written(bool withRecovery)
    {
        var header = SampleHeader(withRecovery);

        var decoded = VaultHeaderCodec.Decode(VaultHeaderCodec.Encode(header, Dek, Seal), Seal);

        Assert.Equal(header.VaultId, decoded.VaultId);
        Assert.Equal(header.CreatedAt, decoded.CreatedAt);
        Assert.Equal(header.Kdf, decoded.Kdf);
        Assert.Equal(header.Salt, decoded.Salt);
        Assert.Equal(header.KeyId, decoded.KeyId);
        Assert.Equal(header.PasswordWrap.Ciphertext, decoded.PasswordWrap.Ciphertext);
        Assert.Equal(withRecovery, decoded.Recovery is not null);
    }

    [Fact]
    public void Every_truncation_is_reported_as_an_altered_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek, Seal);

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes.AsSpan(0, length), Seal));
            Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        }
    }

    [Fact]
    public void Every_flipped_byte_is_refused_and_never_read_as_a_different_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek, Seal);

        for (var position = 0; position < bytes.Length; position++)
        {
            var altered = bytes.ToArray();
            altered[position] ^= 0x04;

            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(altered, Seal));
            Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        }
    }

    [Fact]
    public void The_MAC_verifies_under_the_data_key_it_was_made_with_and_no_other()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek, Seal);

        Assert.True(VaultHeaderCodec.IsAuthentic(bytes, Dek));
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, RandomNumberGenerator.GetBytes(WrappedKey.KeySize)));
    }

    [Fact]
    public void A_field_changed_and_resealed_reads_but_is_not_authentic_under_the_data_key()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek, Seal);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)KdfParameters.Default.Iterations + 1);
        Reseal(bytes);

        var decoded = VaultHeaderCodec.Decode(bytes, Seal);

        Assert.Equal(KdfParameters.Default.Iterations + 1, decoded.Kdf.Iterations);
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, Dek));
    }

    [Fact]
    public void A_header_from_a_newer_format_is_reported_as_an_unknown_version()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek, Seal);
        bytes[4] = 4;
        var unsealed = bytes.ToArray();
        Reseal(bytes);

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));
        var altered = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(unsealed, Seal));

        Assert.Equal(VaultErrorKind.UnknownVersion, error.Kind);
        Assert.Contains("format 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(VaultErrorKind.HeaderAltered, altered.Kind);
    }

    [Fact]
    public void A_header_sealed_under_another_audit_key_is_altered()
    {
        using var other = new HeaderSealKey(RandomNumberGenerator.GetBytes(32));
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek, other);

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_2_header_with_its_checksum_right_reads_as_unsealed_and_one_with_a_flipped_byte_is_altered()
    {
        var header = SampleHeader(withRecovery: true);
        var bytes = Version2(VaultHeaderCodec.Encode(header, Dek, Seal));

        var decoded = VaultHeaderCodec.Decode(bytes, Seal);
        bytes[40] ^= 0x01;
        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

        Assert.Equal((header.VaultId, header.Kdf, (byte)2), (decoded.VaultId, decoded.Kdf, decoded.FormatVersion));
        Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
    }

    [Fact]
    public void A_sealed_header_turned_into_a_version_2_or_1_one_is_altered()
    {
        foreach (var version in new byte[] { 1, 2 })
        {
            var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek, Seal);
            bytes[4] = version;

            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

            Assert.Equal(VaultErrorKind.HeaderAltered, error.Kind);
        }
    }

    [Theory]
    [InlineData(1, KdfParameters.Argon2idMinimumMemoryKiB)]
    [InlineData(KdfParameters.Argon2idMinimumIterations, KdfParameters.Argon2idMinimumMemoryKiB - 1)]
    [InlineData(KdfParameters.Argon2idMinimumIterations, 1024)]
    public void A_well_formed_header_below_the_Argon2id_floor_is_refused(int iterations, int memoryKiB)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek, Seal);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset + 4), (uint)memoryKiB);
        Reseal(bytes);

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

        Assert.Equal(VaultErrorKind.KdfBelowFloor, error.Kind);
        Assert.Contains("19456 KiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KdfParameters.Argon2idMaximumIterations + 1, 65536, 1)]
    [InlineData(3, KdfParameters.Argon2idMaximumMemoryKiB + 1, 1)]
    [InlineData(3, 65536, 4)]
    public void Implausible_Argon2id_parameters_are_a_damaged_header_not_an_allocation(int iterations, int memoryKiB, byte parallelism)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek, Seal);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset + 4), (uint)memoryKiB);
        bytes[IterationsOffset + 8] = parallelism;
        Reseal(bytes);

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

        Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
    }

    [Fact]
    public void A_header_at_the_floor_is_accepted()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false, KdfParameters.Floor), Dek, Seal);

        Assert.Equal(KdfParameters.Floor, VaultHeaderCodec.Decode(bytes, Seal).Kdf);
    }

    [Fact]
    public void A_version_1_header_reads_as_PBKDF2_and_below_its_floor_is_refused()
    {
        var salt = RandomNumberGenerator.GetBytes(32);

        var decoded = VaultHeaderCodec.Decode(Version1Header(KdfParameters.Pbkdf2MinimumIterations, salt), Seal);
        var weak = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(Version1Header(KdfParameters.Pbkdf2MinimumIterations - 1, salt), Seal));

        Assert.Equal(KdfParameters.Pbkdf2(KdfParameters.Pbkdf2MinimumIterations), decoded.Kdf);
        Assert.Equal(salt, decoded.Salt);
        Assert.Equal(VaultErrorKind.KdfBelowFloor, weak.Kind);
        Assert.Contains("600,000", weak.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(253_402_300_800_000)]
    public void A_creation_date_out_of_range_is_a_damaged_header(long createdAtMs)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek, Seal);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4 + 1 + 16), createdAtMs);
        Reseal(bytes);

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes, Seal));

        Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
    }

    /// <summary>A header as versions before Argon2id wrote it (docs/security.md, version 1); its MAC is not checked here.</summary>
    private static byte[] Version1Header(int iterations, byte[] salt)
    {
        var wrap = new byte[WrappedKey.EncodedSize];
        WrappedKey.Wrap(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), "aad"u8).WriteTo(wrap);
        var body = new List<byte>();
        body.AddRange("KFVH"u8.ToArray());
        body.Add(1);
        body.AddRange(Guid.NewGuid().ToByteArray(bigEndian: true));
        body.AddRange(BigEndian(new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()));
        body.Add(1);
        body.AddRange(BigEndian((uint)iterations));
        body.AddRange(salt);
        body.AddRange(BigEndian(7u));
        body.AddRange(wrap);
        body.Add(0);
        body.AddRange(new byte[32]);
        body.AddRange(SHA256.HashData([.. body]));
        return [.. body];
    }

    /// <summary>Makes the seal right again after a field was changed: what only someone holding audit.key can do.</summary>
    private static void Reseal(byte[] bytes) => Seal.Seal(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

    /// <summary>A version 3 header as version 2 wrote it: the same body and MAC, ending in a SHA-256 checksum.</summary>
    private static byte[] Version2(byte[] version3)
    {
        var bytes = version3.ToArray();
        bytes[4] = 2;
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        return bytes;
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

    private static VaultHeader SampleHeader(bool withRecovery, KdfParameters? kdf = null)
    {
        kdf ??= KdfParameters.Default;
        var wrap = WrappedKey.Wrap(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), "aad"u8);
        var recovery = withRecovery
            ? new RecoveryWrap([0x04, .. RandomNumberGenerator.GetBytes(64)], [0x04, .. RandomNumberGenerator.GetBytes(64)], wrap)
            : null;
        return new VaultHeader(
            Guid.NewGuid(),
            new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero),
            kdf,
            RandomNumberGenerator.GetBytes(kdf.SaltSize),
            7,
            wrap,
            recovery);
    }
}
