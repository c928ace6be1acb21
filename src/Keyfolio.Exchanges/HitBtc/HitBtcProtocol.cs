using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.HitBtc;

internal sealed class HitBtcProtocol : ExchangeProtocol
{
    /// <summary>20 requests a second for account endpoints, 30 for market data (HitBTC API v3, "Rate limiting":
    /// https://api.hitbtc.com/, as ccxt's hitbtc.js also counts them); counted per IP to be safe.</summary>
    private static readonly RateLimitRule[] Private = [new("private", 20, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];
    private static readonly RateLimitRule[] Public = [new("public", 30, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];

    public override ExchangeId Exchange => ExchangeId.HitBtc;

    /// <summary>HitBTC has no time endpoint; the <c>Date</c> header of an answer gives its clock.</summary>
    public override ClockSource Clock { get; } = new ClockSource.DateHeader();

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call.Signed ? Private : Public;

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var timestamp = context.Now.ToUnixTimeMilliseconds();
        signature = HitBtcSigner.Sign(account.Credentials.Secret, HitBtcSigner.Message(call.Method.Method, call.Path, call.Query, call.Body, timestamp));
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
        request.Headers.TryAddWithoutValidation("Authorization", HitBtcSigner.Authorization(account.Credentials.ApiKey, signature, timestamp));
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => HitBtcErrors.Classify(response);
}
