using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>
/// Bybit V5 signing of system-generated (HMAC) keys: lowercase hex HMAC-SHA256 of
/// <c>timestamp + apiKey + recvWindow + queryString</c> for a GET, or <c>+ jsonBody</c> for a POST, with the query
/// and the body exactly as sent (Bybit V5, "Integration Guidance" → "Authentication":
/// https://bybit-exchange.github.io/docs/v5/guide#authentication).
/// </summary>
public static class BybitSigner
{
    /// <summary>The window Bybit assumes when <c>X-BAPI-RECV-WINDOW</c> is not sent, in milliseconds.</summary>
    public const string DefaultRecvWindow = "5000";

    public static string StringToSign(string timestamp, string apiKey, string recvWindow, string? queryOrBody) =>
        string.Concat(timestamp, apiKey, recvWindow, queryOrBody ?? string.Empty);

    public static string Sign(ReadOnlySpan<byte> secret, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        var length = Encoding.UTF8.GetByteCount(stringToSign);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(stringToSign, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }
}
