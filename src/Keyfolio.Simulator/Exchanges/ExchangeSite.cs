using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges;

/// <summary>
/// One exchange served on one port: its routes, its signature check and its own forms of refusal. The
/// dispatcher applies faults through the refusal forms before a request reaches <see cref="Handle"/>.
/// </summary>
internal abstract class ExchangeSite(SimulatorRuntime runtime, string site)
{
    protected SimulatorRuntime Runtime { get; } = runtime;

    public string Site { get; } = site;

    public string Exchange { get; } = SimulatorExchanges.ExchangeOfSite(site);

    public ExchangeState State => Runtime.Exchange(Exchange);

    protected DateTimeOffset Now => State.Clock.UtcNow;

    /// <summary>The API key a request names, before any check, so faults can be scoped to keys.</summary>
    public abstract string? PeekApiKey(SimRequest request);

    public abstract SimResponse Handle(SimRequest request);

    public abstract SimResponse TooManyRequests(int retryAfterSeconds);

    /// <summary>An IP ban; Binance has its own 418 answer, the others refuse as for a rate limit.</summary>
    public virtual SimResponse Banned(int retryAfterSeconds) => TooManyRequests(retryAfterSeconds);

    public abstract SimResponse InternalError();

    public abstract SimResponse Maintenance();

    public abstract SimResponse RestrictedLocation();

    protected static SimResponse NotFound() => SimResponse.Raw(404, "", "text/plain");

    /// <summary>Counts the request against a rule; the scope is the address, the uid or the key, as the rule says.</summary>
    protected RateDecision Count(RateLimitRule rule, SimRequest request, SimAccount? account, string endpoint, int cost = 1) =>
        Runtime.Limiter.Hit(rule, RateLimiter.ScopeOf(rule, request.ClientIp, account), endpoint, cost);

    protected int RetryAfter(RateDecision decision) => decision.RetryAfterSeconds(Runtime.Time.GetUtcNow());

    /// <summary>The key is usable on this site now: known, not revoked, not expired, issued by this site's entity.</summary>
    protected bool IsLive(SimAccount account) => !account.Revoked && !account.IsExpired(Now);
}
