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
        var header = SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery);

        var decoded = VaultHeaderCodec.Decode(VaultHeaderCodec.Encode(header, Dek));

        Assert.Equal(header.VaultId, decoded.VaultId);
        Assert.Equal(header.CreatedAt, decoded.CreatedAt);
        Assert.Equal(header.Pbkdf2, decoded.Pbkdf2);
        Assert.Equal(header.Salt, decoded.Salt);
        Assert.Equal(header.KeyId, decoded.KeyId);
        Assert.Equal(header.PasswordWrap.Ciphertext, decoded.PasswordWrap.Ciphertext);
        Assert.Equal(withRecovery, decoded.Recovery is not null);
    }

    [Fact]
    public void Every_truncation_is_reported_as_a_damaged_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: true), Dek);

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes.AsSpan(0, length)));
            Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
        }
    }

    [Fact]
    public void Every_flipped_byte_is_refused_and_never_read_as_a_different_header()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: true), Dek);

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
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: true), Dek);

        Assert.True(VaultHeaderCodec.IsAuthentic(bytes, Dek));
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, RandomNumberGenerator.GetBytes(WrappedKey.KeySize)));
    }

    [Fact]
    public void A_field_changed_with_its_checksum_recomputed_reads_but_is_not_authentic()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: true), Dek);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)Pbkdf2Parameters.DefaultIterations + 1);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var decoded = VaultHeaderCodec.Decode(bytes);

        Assert.Equal(Pbkdf2Parameters.DefaultIterations + 1, decoded.Pbkdf2.Iterations);
        Assert.False(VaultHeaderCodec.IsAuthentic(bytes, Dek));
    }

    [Fact]
    public void A_header_from_a_newer_format_is_reported_as_an_unknown_version()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: false), Dek);
        bytes[4] = 2;

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

        Assert.Equal(VaultErrorKind.UnknownVersion, error.Kind);
        Assert.Contains("format 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    [InlineData(Pbkdf2Parameters.MinimumIterations - 1)]
    public void A_well_formed_header_below_the_KDF_floor_is_refused(int iterations)
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.DefaultIterations, withRecovery: false), Dek);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(IterationsOffset), (uint)iterations);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<VaultException>(() => VaultHeaderCodec.Decode(bytes));

        Assert.Equal(VaultErrorKind.KdfBelowFloor, error.Kind);
        Assert.Contains("600,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_at_the_floor_is_accepted()
    {
        var bytes = VaultHeaderCodec.Encode(SampleHeader(Pbkdf2Parameters.MinimumIterations, withRecovery: false), Dek);

        Assert.Equal(Pbkdf2Parameters.MinimumIterations, VaultHeaderCodec.Decode(bytes).Pbkdf2.Iterations);
    }

    private static VaultHeader SampleHeader(int iterations, bool withRecovery)
    {
        var wrap = WrappedKey.Wrap(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), "aad"u8);
        var recovery = withRecovery
            ? new RecoveryWrap([0x04, .. RandomNumberGenerator.GetBytes(64)], [0x04, .. RandomNumberGenerator.GetBytes(64)], wrap)
            : null;
        return new VaultHeader(
            Guid.NewGuid(),
            new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero),
            KdfAlgorithm.Pbkdf2HmacSha256,
            new Pbkdf2Parameters(iterations),
            RandomNumberGenerator.GetBytes(Pbkdf2Parameters.SaltSize),
            7,
            wrap,
            recovery);
    }
}
