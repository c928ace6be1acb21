using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance HMAC-SHA256 signing: the payload is the percent-encoded query string followed directly by the form body;
/// the signature is its lowercase hex HMAC under the secret, appended as the last parameter.
/// </summary>
public static class BinanceSigner
{
    /// <summary>The default validity window Binance applies, in milliseconds.</summary>
    public const int RecvWindowMilliseconds = 5000;

    public static string Sign(ReadOnlySpan<byte> secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var bytes = Encoding.UTF8.GetByteCount(payload) <= 1024 ? stackalloc byte[Encoding.UTF8.GetByteCount(payload)] : new byte[Encoding.UTF8.GetByteCount(payload)];
        Encoding.UTF8.GetBytes(payload, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The query to send: the call's own parameters, <c>timestamp</c>, <c>recvWindow</c>, then <c>signature</c>.</summary>
    public static string SignedQuery(ReadOnlySpan<byte> secret, string? query, DateTimeOffset timestamp, out string signature)
    {
        var payload = string.Concat(
            string.IsNullOrEmpty(query) ? string.Empty : query + "&",
            "timestamp=",
            timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "&recvWindow=",
            RecvWindowMilliseconds.ToString(CultureInfo.InvariantCulture));
        signature = Sign(secret, payload);
        return payload + "&signature=" + signature;
    }
}
