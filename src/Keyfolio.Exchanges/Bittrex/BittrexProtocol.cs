using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bittrex;

internal sealed class BittrexProtocol : ExchangeProtocol
{
    /// <summary>"A maximum of 60 API calls per minute should be safe" (Bittrex API v3: https://bittrex.github.io/api/v3).</summary>
    private static readonly RateLimitRule[] PerMinute = [new("calls", 60, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    public override ExchangeId Exchange => ExchangeId.Bittrex;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        "/v3/ping",
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "serverTime") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => PerMinute;

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var uri = ExchangeUris.Combine(baseUrl, call.Path, call.Query);
        var timestamp = context.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var contentHash = BittrexSigner.ContentHash(call.Body);
        signature = BittrexSigner.Sign(account.Credentials.Secret, BittrexSigner.PreSign(timestamp, uri.AbsoluteUri, call.Method.Method, contentHash));
        var request = new HttpRequestMessage(call.Method, uri);
        request.Headers.TryAddWithoutValidation("Api-Key", account.Credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("Api-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("Api-Content-Hash", contentHash);
        request.Headers.TryAddWithoutValidation("Api-Signature", signature);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => BittrexErrors.Classify(response);
}
