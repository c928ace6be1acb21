using System.Globalization;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Bitfinex v2: hex HMAC-SHA384 of <c>/api</c> + path + nonce + JSON body, headers <c>bfx-apikey</c>, <c>bfx-nonce</c>, <c>bfx-signature</c>.</summary>
public sealed class BitfinexSigner : ExchangeSigner
{
    private static long _sequence;

    public override string Exchange => "bitfinex";

    /// <summary>Microseconds, made strictly increasing within one test instant.</summary>
    public static string Nonce(DateTimeOffset now) => ((now.ToUnixTimeMilliseconds() * 1000) + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture);

    public static string Sign(string secret, string path, string nonce, string body) => Hmac.Sha384Hex(secret, "/api" + path + nonce + body);

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Post(origin, "/v2/auth/r/wallets", key, Nonce(now), tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Post(origin, "/v2/auth/r/permissions", key, Nonce(now));

    public static HttpRequestMessage Post(Uri origin, string path, TestKey key, string nonce, Tamper tamper = Tamper.None)
    {
        const string Body = "{}";
        var signature = Sign(SecretFor(key, tamper), path, nonce, Body);
        var sentPath = tamper switch
        {
            Tamper.Path => "/v2/auth/r/permissions",
            Tamper.Query => path + "?extra=1",
            _ => path,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, sentPath))
        {
            Content = new StringContent(tamper == Tamper.Body ? "{\"extra\":1}" : Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("bfx-apikey", KeyFor(key, tamper));
        request.Headers.Add("bfx-nonce", tamper == Tamper.Timestamp ? (long.Parse(nonce, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) : nonce);
        request.Headers.Add("bfx-signature", signature);
        return request;
    }
}
