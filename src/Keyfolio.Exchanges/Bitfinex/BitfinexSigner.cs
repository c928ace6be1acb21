using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Bitfinex;

/// <summary>Bitfinex v2 signing: lowercase hex HMAC-SHA384 of <c>"/api/" + path + nonce + body</c>, where the body is the
/// exact JSON sent.</summary>
public static class BitfinexSigner
{
    /// <summary>The signed text for a request to <paramref name="path"/> (<c>/v2/auth/r/wallets</c>).</summary>
    public static string Payload(string path, long nonce, string body) =>
        string.Concat("/api", path, nonce.ToString(CultureInfo.InvariantCulture), body);

    public static string Sign(ReadOnlySpan<byte> secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var length = Encoding.UTF8.GetByteCount(payload);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(payload, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA384.HashSizeInBytes];
        HMACSHA384.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }
}
