using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Binance: hex HMAC-SHA256 of query + body as sent — or, for a self-generated key whose secret is its PKCS#8
/// private key, percent-encoded base64 of Ed25519 or RSASSA-PKCS1-v1_5/SHA-256 over the same — <c>signature</c> last, key
/// in <c>X-MBX-APIKEY</c>.</summary>
public sealed class BinanceSigner : ExchangeSigner
{
    public override string Exchange => "binance";

    public static string Sign(string secret, string payload) =>
        secret.Contains("PRIVATE KEY", StringComparison.Ordinal) ? Uri.EscapeDataString(Convert.ToBase64String(SignAsymmetric(secret, payload))) : Hmac.Sha256Hex(secret, payload);

    /// <summary>The raw signature of a self-generated key: a 48-byte PKCS#8 blob is an Ed25519 key, anything else RSA.</summary>
    public static byte[] SignAsymmetric(string pem, string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        if (der.Length == 48)
        {
            using var key = Key.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPrivateKey);
            return SignatureAlgorithm.Ed25519.Sign(key, data);
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/v3/account", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/sapi/v1/account/apiRestrictions", key, now, Tamper.None);

    /// <summary>A signed GET with the given parameters before <c>timestamp</c> (<c>current=2&amp;size=100</c>), on any Binance host.</summary>
    public static HttpRequestMessage SignedGet(Uri origin, string path, string? parameters, TestKey key, DateTimeOffset now)
    {
        var query = (parameters is null ? "" : parameters + "&") + "timestamp=" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path + "?" + query + "&signature=" + Sign(key.Secret, query)));
        request.Headers.Add("X-MBX-APIKEY", key.ApiKey);
        return request;
    }

    private static HttpRequestMessage Get(Uri origin, string path, TestKey key, DateTimeOffset now, Tamper tamper)
    {
        var query = "timestamp=" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "&recvWindow=5000";
        var signature = Sign(SecretFor(key, tamper), query);
        var sentQuery = tamper switch
        {
            Tamper.Query => "omitZeroBalances=true&" + query,
            Tamper.Timestamp => "timestamp=" + (now.ToUnixTimeMilliseconds() - 1).ToString(CultureInfo.InvariantCulture) + "&recvWindow=5000",
            _ => query,
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path + "?" + sentQuery + "&signature=" + signature));
        request.Headers.Add("X-MBX-APIKEY", KeyFor(key, tamper));
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("omitZeroBalances=true", Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return request;
    }
}
