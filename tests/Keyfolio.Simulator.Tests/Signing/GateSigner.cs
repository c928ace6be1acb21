using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Gate v4: hex HMAC-SHA512 of <c>METHOD\npath\nquery\nhex(SHA512(body))\ntimestamp</c>, headers <c>KEY</c>, <c>Timestamp</c>, <c>SIGN</c>.</summary>
public sealed class GateSigner : ExchangeSigner
{
    public override string Exchange => "gate";

    public static string Sign(string secret, string method, string path, string query, string body, string timestamp) =>
        Hmac.Sha512Hex(secret, $"{method}\n{path}\n{query}\n{Hmac.BodySha512(body)}\n{timestamp}");

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/v4/spot/accounts", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/api/v4/account/main_keys", key, now);

    public static HttpRequestMessage Get(Uri origin, string path, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(SecretFor(key, tamper), "GET", path, "", "", timestamp);
        var sent = tamper switch
        {
            Tamper.Path => "/api/v4/account/detail",
            Tamper.Query => path + "?currency=BTC",
            _ => path,
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sent));
        request.Headers.Add("KEY", KeyFor(key, tamper));
        request.Headers.Add("Timestamp", tamper == Tamper.Timestamp ? (now.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture) : timestamp);
        request.Headers.Add("SIGN", signature);
        if (tamper == Tamper.Body)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
