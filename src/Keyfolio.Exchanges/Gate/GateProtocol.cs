using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

internal sealed class GateProtocol : ExchangeProtocol
{
    /// <summary>Private endpoints per account (UID) per endpoint over 10 s (Gate API v4, "Frequency limit rule": https://www.gate.com/docs/developers/apiv4/en/), and all of them together
    /// within the largest of those limits, so no mix of calls can exceed any way of counting them.</summary>
    private static readonly RateLimitRule AllPrivate = new("private", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account);

    private static readonly Dictionary<string, RateLimitRule[]> Rules = new(StringComparer.Ordinal)
    {
        ["/api/v4/spot/accounts"] = [AllPrivate],
        ["/api/v4/account/detail"] = [AllPrivate, new("account-detail", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        ["/api/v4/account/main_keys"] = [AllPrivate, new("main-keys", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
    };

    private static readonly RateLimitRule[] OtherPrivate = [AllPrivate, new("other-private", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)];
    private static readonly RateLimitRule[] Public = [new("public", 200, TimeSpan.FromSeconds(10), RateLimitScope.Ip)];

    public override ExchangeId Exchange => ExchangeId.Gate;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        "/api/v4/spot/time",
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "server_time") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) =>
        call.Signed ? Rules.GetValueOrDefault(call.Path, OtherPrivate) : Public;

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var timestamp = context.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature = GateSigner.Sign(account.Credentials.Secret, GateSigner.SignatureString(call.Method.Method, call.Path, call.Query, call.Body, timestamp));
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
        request.Headers.TryAddWithoutValidation("KEY", account.Credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("SIGN", signature);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => GateErrors.Classify(response);
}
