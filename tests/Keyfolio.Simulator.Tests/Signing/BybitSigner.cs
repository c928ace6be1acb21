using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Bybit v5: hex HMAC-SHA256 of timestamp + apiKey + recvWindow + query (or body), headers <c>X-BAPI-API-KEY</c>,
/// <c>X-BAPI-TIMESTAMP</c>, <c>X-BAPI-RECV-WINDOW</c>, <c>X-BAPI-SIGN</c> (https://bybit-exchange.github.io/docs/v5/guide).</summary>
public sealed class BybitSigner : ExchangeSigner
{
    public const string RecvWindow = "5000";

    public override string Exchange => "bybit";

    public static string Sign(string secret, string timestamp, string apiKey, string recvWindow, string queryOrBody) =>
        Hmac.Sha256Hex(secret, timestamp + apiKey + recvWindow + queryOrBody);

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/v5/account/wallet-balance", "accountType=UNIFIED", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/v5/user/query-api", "", key, now);

    public static HttpRequestMessage Get(Uri origin, string path, string query, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(SecretFor(key, tamper), timestamp, key.ApiKey, RecvWindow, query);
        var sent = tamper == Tamper.Query ? query + "&coin=BTC" : query;
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent.Length == 0 ? path : path + "?" + sent));
        request.Headers.Add("X-BAPI-API-KEY", KeyFor(key, tamper));
        request.Headers.Add("X-BAPI-TIMESTAMP", tamper == Tamper.Timestamp ? (now.ToUnixTimeMilliseconds() - 1).ToString(CultureInfo.InvariantCulture) : timestamp);
        request.Headers.Add("X-BAPI-RECV-WINDOW", RecvWindow);
        request.Headers.Add("X-BAPI-SIGN", signature);
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
