using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Htx;

/// <summary>
/// HTX signature version 2: the authentication parameters and the GET parameters, percent-encoded (upper-case hex)
/// and sorted by name, form the query; <c>METHOD \n host \n path \n query</c> is signed with HMAC-SHA256 and the
/// Base64 signature is appended, percent-encoded, as <c>Signature</c>.
/// </summary>
public static class HtxSigner
{
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The sorted, encoded query without the signature.</summary>
    public static string CanonicalQuery(string accessKey, string timestamp, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var all = new List<KeyValuePair<string, string>>
        {
            new("AccessKeyId", accessKey),
            new("SignatureMethod", "HmacSHA256"),
            new("SignatureVersion", "2"),
            new("Timestamp", timestamp),
        };
        all.AddRange(parameters);
        all.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join('&', all.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <summary><c>METHOD \n host \n path \n query</c>; the host is lower case and carries its port when it has one.</summary>
    public static string PreSign(string method, string host, string path, string canonicalQuery) =>
        string.Concat(method.ToUpperInvariant(), "\n", host.ToLowerInvariant(), "\n", path, "\n", canonicalQuery);

    public static string Sign(ReadOnlySpan<byte> secret, string preSign)
    {
        ArgumentNullException.ThrowIfNull(preSign);
        var length = Encoding.UTF8.GetByteCount(preSign);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(preSign, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>The query to send: the canonical query and the encoded signature.</summary>
    public static string SignedQuery(ReadOnlySpan<byte> secret, string accessKey, string method, string host, string path, DateTimeOffset time, IEnumerable<KeyValuePair<string, string>> parameters, out string signature)
    {
        var query = CanonicalQuery(accessKey, Timestamp(time), parameters);
        signature = Sign(secret, PreSign(method, host, path, query));
        return query + "&Signature=" + Uri.EscapeDataString(signature);
    }
}
