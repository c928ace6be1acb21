using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Bittrex v3: hex HMAC-SHA512 of timestamp + full URI + METHOD + content hash + subaccount id.</summary>
public sealed class BittrexSigner : ExchangeSigner
{
    public override string Exchange => "bittrex";

    public static string PreSign(string timestamp, string uri, string method, string contentHash, string subaccountId = "") =>
        timestamp + uri + method + contentHash + subaccountId;

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/v3/balances", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/v3/account", key, now);

    public static HttpRequestMessage Get(Uri origin, string path, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var contentHash = Hmac.BodySha512("");
        var uri = new Uri(origin, path).ToString();
        var signature = Hmac.Sha512Hex(SecretFor(key, tamper), PreSign(timestamp, uri, "GET", contentHash));
        var sent = tamper switch
        {
            Tamper.Path => "/v3/account",
            Tamper.Query => path + "?extra=1",
            _ => path,
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent));
        request.Headers.Add("Api-Key", KeyFor(key, tamper));
        request.Headers.Add("Api-Timestamp", tamper == Tamper.Timestamp ? (now.ToUnixTimeMilliseconds() - 1).ToString(CultureInfo.InvariantCulture) : timestamp);
        request.Headers.Add("Api-Content-Hash", contentHash);
        request.Headers.Add("Api-Signature", signature);
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
