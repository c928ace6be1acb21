using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Gate;

/// <summary>
/// Gate v4 signing: lowercase hex HMAC-SHA512 of <c>METHOD \n path \n query \n hex(SHA-512(body)) \n Timestamp</c>,
/// with the query unencoded and in the order sent, and the timestamp in seconds exactly as in the header.
/// </summary>
public static class GateSigner
{
    public static string BodyHash(string? body)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(Encoding.UTF8.GetBytes(body ?? string.Empty), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string SignatureString(string method, string path, string? query, string? body, string timestamp) =>
        string.Join('\n', method.ToUpperInvariant(), path, query ?? string.Empty, BodyHash(body), timestamp);

    public static string Sign(ReadOnlySpan<byte> secret, string signatureString)
    {
        ArgumentNullException.ThrowIfNull(signatureString);
        var length = Encoding.UTF8.GetByteCount(signatureString);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(signatureString, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }
}
