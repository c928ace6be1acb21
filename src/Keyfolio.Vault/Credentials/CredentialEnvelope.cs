using System.Buffers.Binary;

namespace Keyfolio.Vault.Credentials;

/// <summary>
/// Version 1 of the credential envelope:
/// <c>version 1 | algorithm 1 (AES-256-GCM) | key id 4 (big-endian) | nonce 12 | tag 16 | ciphertext</c>.
/// </summary>
internal static class CredentialEnvelope
{
    public const byte CurrentVersion = 1;
    public const byte AesGcmAlgorithm = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int HeaderSize = 1 + 1 + 4 + NonceSize + TagSize;

    /// <summary>Credentials are small; anything larger is a mistake, not a credential.</summary>
    public const int MaxPayloadSize = 64 * 1024;

    public static uint ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < HeaderSize)
        {
            throw Damaged();
        }

        if (envelope[0] != CurrentVersion || envelope[1] != AesGcmAlgorithm)
        {
            throw new VaultException(
                VaultErrorKind.UnknownVersion,
                $"A credential was written in envelope format {envelope[0]}/{envelope[1]}, which this version of Keyfolio does not read. Update Keyfolio to open it.");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(envelope[2..6]);
    }

    public static void WriteHeader(Span<byte> envelope, uint keyId)
    {
        envelope[0] = CurrentVersion;
        envelope[1] = AesGcmAlgorithm;
        BinaryPrimitives.WriteUInt32BigEndian(envelope[2..6], keyId);
    }

    public static Span<byte> Nonce(Span<byte> envelope) => envelope.Slice(6, NonceSize);

    public static Span<byte> Tag(Span<byte> envelope) => envelope.Slice(6 + NonceSize, TagSize);

    public static Span<byte> Ciphertext(Span<byte> envelope) => envelope[HeaderSize..];

    public static ReadOnlySpan<byte> Nonce(ReadOnlySpan<byte> envelope) => envelope.Slice(6, NonceSize);

    public static ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> envelope) => envelope.Slice(6 + NonceSize, TagSize);

    public static ReadOnlySpan<byte> Ciphertext(ReadOnlySpan<byte> envelope) => envelope[HeaderSize..];

    public static VaultException Damaged() =>
        new(VaultErrorKind.Corrupted, "A stored credential is damaged or truncated; it cannot be read. Replace the key of that connection.");
}
