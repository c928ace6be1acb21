using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

internal sealed class GateProtocol : ExchangeProtocol
{
    /// <summary>Private endpoints per account (UID) per endpoint over 10 s (Gate API v4, "Frequency limit rule": https://www.gate.com/docs/developers/apiv4/en/#frequency-limit-rule), and all of them together
    /// within the largest of those limits, so no mix of calls can exceed any way of counting them.</summary>
    private static readonly RateLimitRule AllPrivate = new("private", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account);

    /// <summary>Spot, perpetual futures, delivery and options: "The Others: 200r/10s per endpoint"; "Other Private endpoints"
    /// (earning, collateral, and margin, which no market row names): 150r/10s per endpoint; "Retrieve user's total balances
    /// (GET /wallet/total_balance) 80r/10s" — all per UID (same page).</summary>
    private static readonly Dictionary<string, RateLimitRule[]> Rules = new(StringComparer.Ordinal)
    {
        [GatePaths.SpotAccounts] = [AllPrivate],
        [GatePaths.MarginAccounts] = [AllPrivate, new("margin-accounts", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.FuturesAccounts("usdt")] = [AllPrivate, new("futures-usdt-accounts", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.FuturesAccounts("btc")] = [AllPrivate, new("futures-btc-accounts", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.DeliveryAccounts("usdt")] = [AllPrivate, new("delivery-usdt-accounts", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.OptionsAccounts] = [AllPrivate, new("options-accounts", 200, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.UniLends] = [AllPrivate, new("uni-lends", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.TotalBalance] = [AllPrivate, new("total-balance", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        ["/api/v4/account/detail"] = [AllPrivate, new("account-detail", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        ["/api/v4/account/main_keys"] = [AllPrivate, new("main-keys", 150, TimeSpan.FromSeconds(10), RateLimitScope.Account)],

        // "Sub-account" private endpoints 80r/10s; each sub-account balance endpoint of the wallet 80r/10s (same page).
        [GatePaths.SubAccounts] = [AllPrivate, new("sub-accounts", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.SubAccountBalances] = [AllPrivate, new("sub-account-balances", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.SubAccountMarginBalances] = [AllPrivate, new("sub-account-margin-balances", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.SubAccountFuturesBalances] = [AllPrivate, new("sub-account-futures-balances", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
        [GatePaths.SubAccountCrossMarginBalances] = [AllPrivate, new("sub-account-cross-margin-balances", 80, TimeSpan.FromSeconds(10), RateLimitScope.Account)],
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

/// <summary>The paths of Gate's wallet reads (Gate API v4: https://www.gate.com/docs/developers/apiv4/en/).</summary>
internal static class GatePaths
{
    public const string SpotAccounts = "/api/v4/spot/accounts";
    public const string MarginAccounts = "/api/v4/margin/accounts";
    public const string OptionsAccounts = "/api/v4/options/accounts";
    public const string UniLends = "/api/v4/earn/uni/lends";
    public const string TotalBalance = "/api/v4/wallet/total_balance";
    public const string SubAccounts = "/api/v4/sub_accounts";
    public const string SubAccountBalances = "/api/v4/wallet/sub_account_balances";
    public const string SubAccountMarginBalances = "/api/v4/wallet/sub_account_margin_balances";
    public const string SubAccountFuturesBalances = "/api/v4/wallet/sub_account_futures_balances";
    public const string SubAccountCrossMarginBalances = "/api/v4/wallet/sub_account_cross_margin_balances";

    public static string FuturesAccounts(string settle) => "/api/v4/futures/" + settle + "/accounts";

    public static string DeliveryAccounts(string settle) => "/api/v4/delivery/" + settle + "/accounts";
}
