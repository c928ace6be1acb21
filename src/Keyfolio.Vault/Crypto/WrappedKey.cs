using System.Security.Cryptography;

namespace Keyfolio.Vault.Crypto;

/// <summary>A 256-bit key encrypted with AES-256-GCM under another key: nonce, tag and ciphertext.</summary>
internal sealed record WrappedKey(byte[] Nonce, byte[] Tag, byte[] Ciphertext)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int KeySize = 32;
    public const int EncodedSize = NonceSize + TagSize + KeySize;

    /// <summary>Encrypts <paramref name="key"/> under <paramref name="wrappingKey"/> with a fresh nonce.</summary>
    public static WrappedKey Wrap(ReadOnlySpan<byte> wrappingKey, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var ciphertext = new byte[KeySize];
        using var aes = new AesGcm(wrappingKey, TagSize);
        aes.Encrypt(nonce, key, ciphertext, tag, associatedData);
        return new WrappedKey(nonce, tag, ciphertext);
    }

    /// <summary>Decrypts into <paramref name="key"/>; false when the wrapping key or data do not match.</summary>
    public bool TryUnwrap(ReadOnlySpan<byte> wrappingKey, ReadOnlySpan<byte> associatedData, Span<byte> key)
    {
        using var aes = new AesGcm(wrappingKey, TagSize);
        try
        {
            aes.Decrypt(Nonce, Ciphertext, Tag, key, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(key);
            return false;
        }
    }

    public void WriteTo(Span<byte> destination)
    {
        Nonce.CopyTo(destination);
        Tag.CopyTo(destination[NonceSize..]);
        Ciphertext.CopyTo(destination[(NonceSize + TagSize)..]);
    }

    public static WrappedKey Read(ReadOnlySpan<byte> source) =>
        new(
            source[..NonceSize].ToArray(),
            source.Slice(NonceSize, TagSize).ToArray(),
            source.Slice(NonceSize + TagSize, KeySize).ToArray());
}
