using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>OKX: Base64 HMAC-SHA256 of timestamp + METHOD + path and query + body, with key, passphrase and timestamp headers.</summary>
public sealed class OkxSigner : ExchangeSigner
{
    public override string Exchange => "okx";

    public static string Timestamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Sign(string secret, string timestamp, string method, string pathAndQuery, string body) =>
        Hmac.Sha256Base64(secret, timestamp + method + pathAndQuery + body);

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/v5/account/balance", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/api/v5/account/config", key, now, Tamper.None);

    public static HttpRequestMessage Get(Uri origin, string pathAndQuery, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None, bool demo = false)
    {
        var timestamp = Timestamp(now);
        var signature = Sign(SecretFor(key, tamper), timestamp, "GET", pathAndQuery, "");
        var sent = tamper switch
        {
            Tamper.Path => "/api/v5/asset/balances",
            Tamper.Query => pathAndQuery + "?ccy=BTC",
            _ => pathAndQuery,
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent));
        request.Headers.Add("OK-ACCESS-KEY", KeyFor(key, tamper));
        request.Headers.Add("OK-ACCESS-SIGN", signature);
        request.Headers.Add("OK-ACCESS-TIMESTAMP", tamper == Tamper.Timestamp ? Timestamp(now.AddMilliseconds(-1)) : timestamp);
        request.Headers.Add("OK-ACCESS-PASSPHRASE", tamper == Tamper.Passphrase ? key.Passphrase + "x" : key.Passphrase);
        if (demo)
        {
            request.Headers.Add("x-simulated-trading", "1");
        }

        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
