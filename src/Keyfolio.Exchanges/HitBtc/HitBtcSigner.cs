using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.HitBtc;

/// <summary>
/// HitBTC v3 HS256 signing: lowercase hex HMAC-SHA256 of <c>METHOD + path (+ "?" + query for GET) (+ body otherwise) +
/// timestamp</c>, sent as <c>Authorization: HS256 Base64(key:signature:timestamp)</c>.
/// </summary>
public static class HitBtcSigner
{
    public static string Message(string method, string path, string? query, string? body, long timestampMilliseconds)
    {
        var upper = method.ToUpperInvariant();
        var tail = upper == "GET"
            ? string.IsNullOrEmpty(query) ? string.Empty : "?" + query
            : body ?? string.Empty;
        return string.Concat(upper, path, tail, timestampMilliseconds.ToString(CultureInfo.InvariantCulture));
    }

    public static string Sign(ReadOnlySpan<byte> secret, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var length = Encoding.UTF8.GetByteCount(message);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(message, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The <c>Authorization</c> header value.</summary>
    public static string Authorization(string apiKey, string signature, long timestampMilliseconds) =>
        "HS256 " + Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(apiKey, ":", signature, ":", timestampMilliseconds.ToString(CultureInfo.InvariantCulture))));
}
