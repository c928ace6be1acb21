using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Okx;

/// <summary>
/// OKX v5 signing: <c>Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))</c>, where the request path
/// includes the query of a GET and the timestamp is ISO-8601 UTC with milliseconds.
/// </summary>
public static class OkxSigner
{
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string PreHash(string timestamp, string method, string requestPath, string? body) =>
        string.Concat(timestamp, method.ToUpperInvariant(), requestPath, body ?? string.Empty);

    public static string Sign(ReadOnlySpan<byte> secret, string preHash)
    {
        ArgumentNullException.ThrowIfNull(preHash);
        var length = Encoding.UTF8.GetByteCount(preHash);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(preHash, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToBase64String(mac);
    }
}
