using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>Kraken spot REST: <c>POST /0/private/…</c> with a form body starting <c>nonce=</c>, headers <c>API-Key</c> and
/// <c>API-Sign</c> = Base64(HMAC-SHA512(Base64Decode(secret), path ‖ SHA256(nonce + body))); <c>otp</c> for a 2FA key.</summary>
public sealed class KrakenSigner : ExchangeSigner
{
    private static long _sequence;

    public override string Exchange => "kraken";

    /// <summary>Microseconds, made strictly increasing within one test instant.</summary>
    public static string Nonce(DateTimeOffset now) => ((now.ToUnixTimeMilliseconds() * 1000) + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture);

    public static string Sign(byte[] key, string path, string nonce, string body)
    {
        var pathBytes = Encoding.UTF8.GetBytes(path);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(nonce + body));
        return Convert.ToBase64String(HMACSHA512.HashData(key, pathBytes.Concat(hash).ToArray()));
    }

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Post(origin, "/0/private/BalanceEx", key, Nonce(now), tamper: tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Post(origin, "/0/private/GetApiKeyInfo", key, Nonce(now));

    public static HttpRequestMessage Post(Uri origin, string path, TestKey key, string nonce, string? fields = null, Tamper tamper = Tamper.None, string? otp = null)
    {
        var body = "nonce=" + nonce + (fields is null ? "" : "&" + fields) + ((otp ?? key.Passphrase) is { } password ? "&otp=" + Uri.EscapeDataString(password) : "");
        var secret = Convert.FromBase64String(key.Secret);
        if (tamper == Tamper.Secret)
        {
            secret[0] ^= 0x01;
        }

        var signature = Sign(secret, path, nonce, body);
        var sentPath = tamper == Tamper.Path ? path.Replace("BalanceEx", "Balance", StringComparison.Ordinal) : path;
        var sentBody = tamper switch
        {
            Tamper.Body => body + "&extra=1",
            Tamper.Timestamp => body.Replace("nonce=" + nonce, "nonce=" + (long.Parse(nonce, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            _ => body,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, sentPath))
        {
            Content = new StringContent(sentBody, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("API-Key", KeyFor(key, tamper));
        request.Headers.Add("API-Sign", signature);
        return request;
    }
}
