using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Kucoin;

/// <summary>
/// KuCoin API key v2 and v3 signing (KuCoin API, "Authentication": https://www.kucoin.com/docs-new/authentication):
/// <c>KC-API-SIGN = Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))</c>, where the request path
/// carries the query of a GET <em>unencoded</em> and the timestamp is Unix milliseconds; and
/// <c>KC-API-PASSPHRASE = Base64(HMAC-SHA256(secret, passphrase))</c>. The secret's text bytes are the HMAC key.
/// </summary>
public static class KucoinSigner
{
    /// <summary>The key version sent in <c>KC-API-KEY-VERSION</c>; v2 and v3 keys sign alike, and v2 is accepted for both.</summary>
    public const string KeyVersion = "2";

    /// <summary>The request path as signed: the path, then <c>?</c> and the percent-decoded query when there is one.</summary>
    public static string RequestPath(string path, string? query) =>
        string.IsNullOrEmpty(query) ? path : path + "?" + Uri.UnescapeDataString(query);

    public static string PreHash(string timestamp, string method, string requestPath, string? body) =>
        string.Concat(timestamp, method.ToUpperInvariant(), requestPath, body ?? string.Empty);

    public static string Sign(ReadOnlySpan<byte> secret, string preHash)
    {
        ArgumentNullException.ThrowIfNull(preHash);
        var length = Encoding.UTF8.GetByteCount(preHash);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(preHash, bytes);
        return Mac(secret, bytes);
    }

    /// <summary>The passphrase header of a v2 or v3 key, from the passphrase's UTF-8 bytes (never a string).</summary>
    public static string Passphrase(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> passphrase) => Mac(secret, passphrase);

    private static string Mac(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> message)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, message, mac);
        return Convert.ToBase64String(mac);
    }
}
