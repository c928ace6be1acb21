using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Kraken;

/// <summary>
/// Kraken spot REST signing (Kraken API, "Spot REST Authentication": https://docs.kraken.com/api/docs/guides/spot-rest-auth):
/// <c>API-Sign = Base64(HMAC-SHA512(Base64Decode(private key), UTF8(URI path) ‖ SHA256(UTF8(nonce + POST data))))</c>,
/// where the URI path starts at <c>/0/private</c> and the POST data is the exact body sent, nonce included. Unlike the
/// other exchanges, the HMAC key is the <em>decoded</em> private key, not its text.
/// </summary>
public static class KrakenSigner
{
    /// <summary>The 64 bytes a Kraken private key decodes to.</summary>
    public const int SecretLength = 64;

    /// <summary>The HMAC message: the URI path's bytes followed by the raw 32-byte SHA-256 of nonce + POST data.</summary>
    public static byte[] Message(string uriPath, string nonce, string postData)
    {
        ArgumentNullException.ThrowIfNull(uriPath);
        var path = Encoding.UTF8.GetBytes(uriPath);
        var message = new byte[path.Length + SHA256.HashSizeInBytes];
        path.CopyTo(message, 0);
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(nonce, postData)), message.AsSpan(path.Length));
        return message;
    }

    /// <summary>Signs with the private key as Kraken shows it (Base64 text, given as its UTF-8 bytes); the decoded key
    /// lives on the stack and is zeroed before this returns.</summary>
    public static string Sign(ReadOnlySpan<byte> base64Secret, string uriPath, string nonce, string postData)
    {
        Span<byte> key = stackalloc byte[SecretLength * 2];
        try
        {
            if (Base64.DecodeFromUtf8(base64Secret, key, out _, out var written) != System.Buffers.OperationStatus.Done)
            {
                throw new FormatException("The private key is not Base64.");
            }

            return SignWithKey(key[..written], uriPath, nonce, postData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Signs with the decoded HMAC key.</summary>
    public static string SignWithKey(ReadOnlySpan<byte> key, string uriPath, string nonce, string postData)
    {
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(key, Message(uriPath, nonce, postData), mac);
        return Convert.ToBase64String(mac);
    }
}
