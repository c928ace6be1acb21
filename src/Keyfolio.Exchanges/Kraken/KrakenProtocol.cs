using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Kraken;

/// <summary>
/// Kraken's private calls are <c>POST /0/private/&lt;Method&gt;</c> with a form body that starts with the key's nonce
/// (and carries <c>otp</c> for a key with two-factor authentication), headers <c>API-Key</c> and <c>API-Sign</c>
/// (Kraken API, "Spot REST Authentication": https://docs.kraken.com/api/docs/guides/spot-rest-auth). Nonces are any
/// strictly increasing 64-bit integer per key, not a timestamp, so there is no clock to keep: the shared
/// <see cref="INonceStore"/> keeps them increasing across restarts and processes, as for Bitfinex.
/// </summary>
internal sealed class KrakenProtocol(INonceStore nonces) : ExchangeProtocol
{
    /// <summary>
    /// "Every REST API user has a call counter": +1 per call (+2 for ledger and trade history, which Keyfolio does not
    /// read), at most 15 on the Starter tier, falling by 0.33 per second; "each API key's counter is separate" (Kraken API,
    /// "Spot REST Rate Limits": https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits). The tier is not known
    /// from the API, so the smallest is assumed: 15 units in any 45 s (the time the counter takes to fall by 15) keeps
    /// the counter at or under 15 however the calls are spread. Counted per key: no account is linked.
    /// </summary>
    private static readonly RateLimitRule[] Private = [new("call-counter", 15, TimeSpan.FromSeconds(45), RateLimitScope.Account)];

    /// <summary>Public endpoints are limited per IP address; Kraken publishes no number, ccxt paces them at one per second.</summary>
    private static readonly RateLimitRule[] Public = [new("public", 1, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];

    /// <summary>"All requests must specify a User-Agent" (Kraken API, "Spot REST Introduction": https://docs.kraken.com/api/docs/guides/spot-rest-intro).</summary>
    private const string UserAgent = "Keyfolio";

    private static readonly MediaTypeHeaderValue Form = new("application/x-www-form-urlencoded");

    public override ExchangeId Exchange => ExchangeId.Kraken;

    public override ClockSource Clock { get; } = new ClockSource.None();

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call.Signed ? Private : Public;

    public override async ValueTask<SigningSession> BeginSigningAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SigningSession.Of(await nonces.NextAsync(Exchange, account.Credentials.ApiKey, cancellationToken).ConfigureAwait(false));

    /// <summary>The exact form body sent and signed: the nonce first, then the call's own fields, then the 2FA password.</summary>
    public static string Body(long nonce, string? fields, ExchangeCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var body = new StringBuilder("nonce=").Append(nonce.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(fields))
        {
            body.Append('&').Append(fields);
        }

        if (credentials.HasPassphrase)
        {
            body.Append("&otp=").Append(Uri.EscapeDataString(credentials.PassphraseText()));
        }

        return body.ToString();
    }

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var body = Body(context.Nonce, call.Body, account.Credentials);
        signature = KrakenSigner.Sign(account.Credentials.Secret, call.Path, context.Nonce.ToString(CultureInfo.InvariantCulture), body);
        var request = new HttpRequestMessage(HttpMethod.Post, ExchangeUris.Combine(baseUrl, call.Path, call.Query))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = Form } },
        };
        request.Headers.TryAddWithoutValidation("API-Key", account.Credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("API-Sign", signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

    public override HttpRequestMessage CreatePublicRequest(ExchangeCall call, Uri baseUrl)
    {
        var request = base.CreatePublicRequest(call, baseUrl);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => KrakenErrors.Classify(response);
}
