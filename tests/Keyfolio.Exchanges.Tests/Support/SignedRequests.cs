using System.Text;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Tests.Support;

internal static class SignedRequests
{
    public static HttpRequestMessage Create(ExchangeProtocol protocol, ExchangeCall call, string baseUrl, string apiKey, string secret, DateTimeOffset now, long nonce = 0, string? passphrase = null)
    {
        using var account = new ExchangeCredentials(apiKey, secret, passphrase);
        return protocol.CreateSignedRequest(
            call,
            new Uri(baseUrl),
            new ExchangeAccount(new ExchangeEndpoint(protocol.Exchange), account, "vector"),
            new SigningContext(now, nonce),
            out _);
    }

    public static string Header(HttpRequestMessage request, string name) => string.Join(",", request.Headers.GetValues(name));

    public static byte[] Secret(string secret) => Encoding.UTF8.GetBytes(secret);
}
