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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_header_reads_back_as_written(bool withRecovery)
    {
        var header = SampleHeader(withRecovery);

        var decoded = VaultHeaderCodec.Decode(VaultHeaderCodec.Encode(header, Dek));

        Assert.Equal(header.VaultId, decoded.VaultId);
        Assert.Equal(header.CreatedAt, decoded.CreatedAt);
        Assert.Equal(header.Kdf, decoded.Kdf);
        Assert.Equal(header.Salt, decoded.Salt);
        Assert.Equal(header.KeyId, decoded.KeyId);
        Assert.Equal(header.PasswordWrap.Ciphertext, decoded.PasswordWrap.Ciphertext);
        Assert.Equal(withRecovery, decoded.Recovery is not null);
    }

    [Fact]
    public void Every_truncation_is_reported_as_a_damaged_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek);

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes.AsSpan(0, length)));
            Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
        }
    }

    [Fact]
    public void Every_flipped_byte_is_refused_and_never_read_as_a_different_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek);

        for (var position = 0; position < bytes.Length; position++)
        {
            var altered = bytes.ToArray();
            altered[position] ^= 0x04;

            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(altered));
            Assert.Equal(position == 4 ? VaultErrorKind.UnknownVersion : VaultErrorKind.Corrupted, error.Kind);
        }
    }

    [Fact]
    public void The_MAC_verifies_under_the_data_key_it_was_made_with_and_no_other()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek);

        Assert.True(VaultHeaderCodec.IsAuthentic(bytes, Dek));
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, RandomNumberGenerator.GetBytes(WrappedKey.KeySize)));
    }

    [Fact]
    public void A_field_changed_with_its_checksum_recomputed_reads_but_is_not_authentic()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: true), Dek);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)KdfParameters.Default.Iterations + 1);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var decoded = VaultHeaderCodec.Decode(bytes);

        Assert.Equal(KdfParameters.Default.Iterations + 1, decoded.Kdf.Iterations);
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, Dek));
    }

    [Fact]
    public void A_header_from_a_newer_format_is_reported_as_an_unknown_version()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek);
        bytes[4] = 3;

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

        Assert.Equal(VaultErrorKind.UnknownVersion, error.Kind);
        Assert.Contains("format 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, KdfParameters.Argon2idMinimumMemoryKiB)]
    [InlineData(KdfParameters.Argon2idMinimumIterations, KdfParameters.Argon2idMinimumMemoryKiB - 1)]
    [InlineData(KdfParameters.Argon2idMinimumIterations, 1024)]
    public void A_well_formed_header_below_the_Argon2id_floor_is_refused(int iterations, int memoryKiB)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset + 4), (uint)memoryKiB);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

        Assert.Equal(VaultErrorKind.KdfBelowFloor, error.Kind);
        Assert.Contains("19456 KiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KdfParameters.Argon2idMaximumIterations + 1, 65536, 1)]
    [InlineData(3, KdfParameters.Argon2idMaximumMemoryKiB + 1, 1)]
    [InlineData(3, 65536, 4)]
    public void Implausible_Argon2id_parameters_are_a_damaged_header_not_an_allocation(int iterations, int memoryKiB, byte parallelism)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset + 4), (uint)memoryKiB);
        bytes[IterationsOffset + 8] = parallelism;
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

        Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
    }

    [Fact]
    public void A_header_at_the_floor_is_accepted()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false, KdfParameters.Floor), Dek);

        Assert.Equal(KdfParameters.Floor, VaultHeaderCodec.Decode(bytes).Kdf);
    }

    [Fact]
    public void A_version_1_header_reads_as_PBKDF2_and_below_its_floor_is_refused()
    {
        var salt = RandomNumberGenerator.GetBytes(32);

        var decoded = VaultHeaderCodec.Decode(Version1Header(KdfParameters.Pbkdf2MinimumIterations, salt));
        var weak = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(Version1Header(KdfParameters.Pbkdf2MinimumIterations - 1, salt)));

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
        var bytes = VaultHeaderCodec.Encode(SampleHeader(withRecovery: false), Dek);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4 + 1 + 16), createdAtMs);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

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
