using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Htx;

internal sealed class HtxProtocol : ExchangeProtocol
{
    /// <summary>Account endpoints: 100 per 2 s per account (UID) and endpoint; others: the legacy 10 per second (HTX spot API, "Rate limits": https://www.htx.com/en-us/opend/newApiPages/).</summary>
    private static readonly RateLimitRule[] Accounts = [new("accounts", 100, TimeSpan.FromSeconds(2), RateLimitScope.Account)];
    private static readonly RateLimitRule[] Balance = [new("balance", 100, TimeSpan.FromSeconds(2), RateLimitScope.Account)];
    private static readonly RateLimitRule[] User = [new("user", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)];

    /// <summary>"Get Account Balance of a Sub-User": 20 per 2 s per account (HTX spot API:
    /// https://huobiapi.github.io/docs/spot/v1/en/).</summary>
    private static readonly RateLimitRule[] SubUserBalance = [new("sub-user-balance", 20, TimeSpan.FromSeconds(2), RateLimitScope.Account)];
    private static readonly RateLimitRule[] Public = [new("public", 10, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];

    /// <summary>
    /// The derivatives API (api.hbdm.com) counts each product line apart: private interfaces at most 144 per 3 s per UID,
    /// of which reads 72 (HTX USDT-margined swap, coin-margined swap and futures APIs, "Rate Limit": e.g.
    /// https://www.htx.com/en-us/opend/newApiPages/?id=10000074-77b7-11ed-9966-0242ac110003).
    /// </summary>
    private static readonly RateLimitRule[] LinearSwapRead = [new("linear-swap-read", 72, TimeSpan.FromSeconds(3), RateLimitScope.Account)];
    private static readonly RateLimitRule[] CoinSwapRead = [new("swap-read", 72, TimeSpan.FromSeconds(3), RateLimitScope.Account)];
    private static readonly RateLimitRule[] FuturesRead = [new("futures-read", 72, TimeSpan.FromSeconds(3), RateLimitScope.Account)];

    public override ExchangeId Exchange => ExchangeId.Htx;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        "/v1/common/timestamp",
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "data") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call switch
    {
        { Signed: false } => Public,
        { Path: "/v1/account/accounts" } => Accounts,
        _ when call.Path.StartsWith("/linear-swap-api/", StringComparison.Ordinal) => LinearSwapRead,
        _ when call.Path.StartsWith("/swap-api/", StringComparison.Ordinal) => CoinSwapRead,
        _ when call.Path.StartsWith("/api/v1/contract_", StringComparison.Ordinal) => FuturesRead,
        _ when call.Path.EndsWith("/balance", StringComparison.Ordinal) => Balance,
        _ when call.Path.StartsWith(HtxPaths.SubUserAccountsPrefix, StringComparison.Ordinal) => SubUserBalance,
        _ => User,
    };

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var target = ExchangeUris.Combine(baseUrl, call.Path, null);
        var query = HtxSigner.SignedQuery(
            account.Credentials.Secret,
            account.Credentials.ApiKey,
            call.Method.Method,
            target.Authority,
            call.Path,
            context.Now,
            Parameters(call.Query),
            out signature);
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, query));
        if (call.Body is { } body)
        {
            // The derivatives API takes a POST's parameters as JSON in the body, which is not signed.
            request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new("application/json") } };
        }

        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => HtxErrors.Classify(response);

    private static IEnumerable<KeyValuePair<string, string>> Parameters(string? query) =>
        (query ?? string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty));
}

/// <summary>The sub-user paths Keyfolio calls (HTX spot API: https://huobiapi.github.io/docs/spot/v1/en/).</summary>
internal static class HtxPaths
{
    public const string SubUserList = "/v2/sub-user/user-list";

    /// <summary>Followed by the sub-user's uid: every account of that sub-user with its balances.</summary>
    public const string SubUserAccountsPrefix = "/v1/account/accounts/";
}
