using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>
/// KuCoin (API key v2/v3): Base64 HMAC-SHA256 of timestamp (ms) + METHOD + path with the unencoded query + body, and the
/// passphrase as Base64 HMAC-SHA256 of itself under the secret; headers <c>KC-API-KEY</c>, <c>KC-API-SIGN</c>,
/// <c>KC-API-TIMESTAMP</c>, <c>KC-API-PASSPHRASE</c>, <c>KC-API-KEY-VERSION</c>.
/// </summary>
public sealed class KucoinSigner : ExchangeSigner
{
    public override string Exchange => "kucoin";

    public static string Sign(string secret, string timestamp, string method, string pathAndQuery, string body) =>
        Hmac.Sha256Base64(secret, timestamp + method + pathAndQuery + body);

    public static string Passphrase(string secret, string passphrase) => Hmac.Sha256Base64(secret, passphrase);

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/v1/accounts?type=trade", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/api/v1/user/api-key", key, now);

    public static HttpRequestMessage Get(Uri origin, string pathAndQuery, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var secret = SecretFor(key, tamper);
        var signature = Sign(secret, timestamp, "GET", pathAndQuery, "");
        var sent = tamper switch
        {
            Tamper.Path => "/api/v1/user/api-key",
            Tamper.Query => pathAndQuery.Replace("type=trade", "type=main", StringComparison.Ordinal),
            _ => pathAndQuery,
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent));
        request.Headers.Add("KC-API-KEY", KeyFor(key, tamper));
        request.Headers.Add("KC-API-SIGN", signature);
        request.Headers.Add("KC-API-TIMESTAMP", tamper == Tamper.Timestamp ? (now.ToUnixTimeMilliseconds() - 1).ToString(CultureInfo.InvariantCulture) : timestamp);
        request.Headers.Add("KC-API-PASSPHRASE", Passphrase(secret, tamper == Tamper.Passphrase ? key.Passphrase + "x" : key.Passphrase!));
        request.Headers.Add("KC-API-KEY-VERSION", "2");
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
