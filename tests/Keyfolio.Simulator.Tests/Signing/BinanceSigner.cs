using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Binance: hex HMAC-SHA256 of query + body as sent, <c>signature</c> last, key in <c>X-MBX-APIKEY</c>.</summary>
public sealed class BinanceSigner : ExchangeSigner
{
    public override string Exchange => "binance";

    public static string Sign(string secret, string payload) => Hmac.Sha256Hex(secret, payload);

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
