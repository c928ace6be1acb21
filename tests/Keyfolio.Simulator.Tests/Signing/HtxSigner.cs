using System.Globalization;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>
/// HTX Signature V2: parameters percent-encoded (upper-case hex) and sorted by name, pre-sign
/// <c>METHOD\nhost\npath\nquery</c>, Base64 HMAC-SHA256, appended URL-encoded as <c>Signature</c>.
/// </summary>
public sealed class HtxSigner : ExchangeSigner
{
    public override string Exchange => "htx";

    public static string Timestamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string SortedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)).Order(StringComparer.Ordinal));

    public static string Sign(string secret, string method, string host, string path, string sortedQuery) =>
        Hmac.Sha256Base64(secret, $"{method}\n{host.ToLowerInvariant()}\n{path}\n{sortedQuery}");

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/v1/account/accounts", [], key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/v2/user/uid", [], key, now, Tamper.None);

    public static HttpRequestMessage Get(Uri origin, string path, IEnumerable<KeyValuePair<string, string>> extra, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("AccessKeyId", KeyFor(key, tamper)),
            new("SignatureMethod", "HmacSHA256"),
            new("SignatureVersion", "2"),
            new("Timestamp", Timestamp(now)),
        };
        parameters.AddRange(extra);
        var query = SortedQuery(parameters);
        var signature = Sign(SecretFor(key, tamper), "GET", origin.Authority, path, query);
        var sentQuery = tamper switch
        {
            Tamper.Query => query + "&extra=1",
            Tamper.Timestamp => query.Replace(Uri.EscapeDataString(Timestamp(now)), Uri.EscapeDataString(Timestamp(now.AddSeconds(-1))), StringComparison.Ordinal),
            _ => query,
        };
        var sentPath = tamper == Tamper.Path ? "/v2/user/api-key" : path;
        return new HttpRequestMessage(HttpMethod.Get, new Uri(origin, sentPath + "?" + sentQuery + "&Signature=" + Uri.EscapeDataString(signature)));
    }
}
