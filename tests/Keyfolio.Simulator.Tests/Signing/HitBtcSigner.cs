using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>HitBTC v3: <c>HS256 base64(key:hex HMAC-SHA256(METHOD + path[?query] + body + timestamp[+window]):timestamp[:window])</c>.</summary>
public sealed class HitBtcSigner : ExchangeSigner
{
    public override string Exchange => "hitbtc";

    public static string Sign(string secret, string method, string pathAndQuery, string body, string timestamp, string? window = null) =>
        Hmac.Sha256Hex(secret, method + pathAndQuery + body + timestamp + window);

    public static string Authorization(string apiKey, string signature, string timestamp, string? window = null) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{signature}:{timestamp}" + (window is null ? "" : ":" + window)));

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/3/spot/balance", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/api/3/wallet/balance", key, now);

    public static HttpRequestMessage Get(Uri origin, string path, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(SecretFor(key, tamper), "GET", path, "", timestamp);
        var sent = tamper switch
        {
            Tamper.Path => "/api/3/wallet/balance",
            Tamper.Query => path + "?currency=BTC",
            _ => path,
        };
        var sentTimestamp = tamper == Tamper.Timestamp ? (now.ToUnixTimeMilliseconds() - 1).ToString(CultureInfo.InvariantCulture) : timestamp;
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent));
        request.Headers.Authorization = new AuthenticationHeaderValue("HS256", Authorization(KeyFor(key, tamper), signature, sentTimestamp));
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
