using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Bittrex;

/// <summary>
/// Bittrex v3 signing: lowercase hex HMAC-SHA512 of <c>timestamp + full URI + METHOD + content hash + sub-account id</c>,
/// where the content hash is the hex SHA-512 of the body (of the empty string for a GET).
/// </summary>
public static class BittrexSigner
{
    public static string ContentHash(string? body)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(Encoding.UTF8.GetBytes(body ?? string.Empty), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string PreSign(string timestamp, string uri, string method, string contentHash, string? subaccountId = null) =>
        string.Concat(timestamp, uri, method.ToUpperInvariant(), contentHash, subaccountId ?? string.Empty);

    public static string Sign(ReadOnlySpan<byte> secret, string preSign)
    {
        ArgumentNullException.ThrowIfNull(preSign);
        var length = Encoding.UTF8.GetByteCount(preSign);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(preSign, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }
}
