using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bitfinex;

internal sealed class BitfinexProtocol(INonceStore nonces) : ExchangeProtocol
{
    /// <summary>Per-endpoint limits per minute (Bitfinex, "Requirements and limitations":
    /// https://docs.bitfinex.com/docs/requirements-and-limitations): 45 for wallets and 90 for permissions as
    /// third-party clients document them; positions 90 ("Retrieve Positions":
    /// https://docs.bitfinex.com/reference/rest-auth-positions); public tickers 30.</summary>
    private static readonly Dictionary<string, RateLimitRule[]> Rules = new(StringComparer.Ordinal)
    {
        ["/v2/auth/r/wallets"] = [new("wallets", 45, TimeSpan.FromMinutes(1), RateLimitScope.Ip)],
        ["/v2/auth/r/permissions"] = [new("permissions", 90, TimeSpan.FromMinutes(1), RateLimitScope.Ip)],
        ["/v2/auth/r/positions"] = [new("positions", 90, TimeSpan.FromMinutes(1), RateLimitScope.Ip)],
    };

    private static readonly RateLimitRule[] Public = [new("public", 30, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public override ExchangeId Exchange => ExchangeId.Bitfinex;

    public override ClockSource Clock { get; } = new ClockSource.None();

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => Rules.GetValueOrDefault(call.Path, Public);

    public override async ValueTask<SigningSession> BeginSigningAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SigningSession.Of(await nonces.NextAsync(Exchange, account.Credentials.ApiKey, cancellationToken).ConfigureAwait(false));

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var body = call.Body ?? "{}";
        signature = BitfinexSigner.Sign(account.Credentials.Secret, BitfinexSigner.Payload(call.Path, context.Nonce, body));
        var request = new HttpRequestMessage(HttpMethod.Post, ExchangeUris.Combine(baseUrl, call.Path, call.Query))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = Json } },
        };
        request.Headers.TryAddWithoutValidation("bfx-nonce", context.Nonce.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("bfx-apikey", account.Credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("bfx-signature", signature);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => BitfinexErrors.Classify(response);
}
