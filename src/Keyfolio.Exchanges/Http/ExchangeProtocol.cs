namespace Keyfolio.Exchanges.Http;

/// <summary>
/// What the shared transport needs to know about one exchange: how to sign, how to read a refusal, how the exchange
/// tells its time and how it counts its rate limits. Each exchange folder has one.
/// </summary>
internal abstract class ExchangeProtocol
{
    public abstract ExchangeId Exchange { get; }

    public abstract ClockSource Clock { get; }

    /// <summary>The limits a call counts against.</summary>
    public abstract IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call);

    /// <summary>Builds the request and adds the exchange's authentication; returns the signature so the transport can
    /// keep it out of anything it reports.</summary>
    public abstract HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature);

    /// <summary>Reads a refusal from a response; <c>null</c> when the response is not one the exchange documents as an error.</summary>
    public abstract ExchangeError? Classify(ExchangeResponse response);

    /// <summary>Whether a refusal of a signed call is sent once more, freshly signed, before it is diagnosed: for an
    /// exchange that is documented to refuse correctly signed requests now and then (Coinbase's sporadic 401).</summary>
    public virtual bool RetriesRefusalOnce(ExchangeError refusal) => false;

    /// <summary>Holds whatever must stay held while one signed request is in flight (Bitfinex: the key's nonce).</summary>
    public virtual ValueTask<SigningSession> BeginSigningAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SigningSession.Empty);

    public virtual HttpRequestMessage CreatePublicRequest(ExchangeCall call, Uri baseUrl) =>
        new(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
}

/// <summary>The inputs of one signature: the exchange's time (local time corrected by the measured offset) and,
/// for nonce-based exchanges, the nonce.</summary>
internal readonly record struct SigningContext(DateTimeOffset Now, long Nonce);

/// <summary>A signed call's hold on per-key state, released when the response has arrived.</summary>
internal sealed class SigningSession(long nonce, IAsyncDisposable? hold) : IAsyncDisposable
{
    public static SigningSession Empty { get; } = new(0, null);

    /// <summary>A request signed with the nonce of <paramref name="hold"/>, which it keeps until the answer.</summary>
    public static SigningSession Of(NonceHold hold) => new(hold.Nonce, hold);

    public long Nonce { get; } = nonce;

    public ValueTask DisposeAsync() => hold?.DisposeAsync() ?? ValueTask.CompletedTask;
}
