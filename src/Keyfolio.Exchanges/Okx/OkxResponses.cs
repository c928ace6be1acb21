using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Okx;

/// <summary>Reads OKX's answers: trading and funding balances, account configuration, tickers.</summary>
internal static class OkxResponses
{
    /// <summary>
    /// <c>GET /api/v5/account/balance</c>: <c>data[0].details[] {ccy, availBal, frozenBal, eq}</c>, only currencies with a
    /// balance. The holding is <c>eq</c>, the currency's equity, which in margin modes counts unrealised profit and loss
    /// and is negative for a borrowed currency (<c>liab</c> is already in it and is never subtracted again); the
    /// available balance is a capacity, not a holding (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance).
    /// </summary>
    public static IReadOnlyList<AssetBalance> TradingBalances(JsonElement root) =>
        [.. Data(root).SelectMany(account => account.TryGetProperty("details", out var details) ? details.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(d => Balance(WalletKind.Trading, d, JsonValues.OptionalDecimal(d.GetProperty("eq"))))];

    /// <summary><c>GET /api/v5/asset/balances</c>: <c>data[] {ccy, bal, availBal, frozenBal}</c>.</summary>
    public static IReadOnlyList<AssetBalance> FundingBalances(JsonElement root) =>
        [.. Data(root).Select(d => Balance(WalletKind.Funding, d, d.TryGetProperty("bal", out var bal) ? JsonValues.OptionalDecimal(bal) : null))];

    /// <summary>
    /// <c>GET /api/v5/finance/savings/balance</c> (Simple Earn flexible): <c>data[] {ccy, amt, loanAmt, pendingAmt, earnings, rate}</c>;
    /// the holding is <c>amt</c>, the lent part (<c>loanAmt</c>) and the part waiting to be lent (<c>pendingAmt</c>) together
    /// (https://www.okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance). Nothing saved: <c>data: []</c>.
    /// </summary>
    public static IReadOnlyList<AssetBalance> SavingsBalances(JsonElement root) =>
        [.. Data(root)
            .Select(d => (Code: JsonValues.String(d, "ccy") ?? throw new FormatException("A saving has no ccy."), Amount: JsonValues.Decimal(d, "amt")))
            .Where(s => s.Amount != 0m)
            .Select(s => new AssetBalance(WalletKind.Earn, AssetCodes.Common(ExchangeId.Okx, s.Code), s.Code, s.Amount, 0m, s.Amount))];

    /// <summary>
    /// <c>GET /api/v5/finance/staking-defi/orders-active</c> (On-chain earn): per order <c>investData[] {ccy, amt}</c> is what
    /// is invested, summed per currency and counted as locked; <c>earningData</c> (estimated or cumulative earnings) is not
    /// a holding until paid out (https://www.okx.com/docs-v5/en/#financial-product-on-chain-earn-get-active-orders).
    /// ETH and SOL staking receipts (BETH, OKSOL) already sit in the trading or funding account, so the staking
    /// balance endpoints are never added. No order: <c>data: []</c>.
    /// </summary>
    public static IReadOnlyList<AssetBalance> OnChainEarn(JsonElement root) =>
        [.. Data(root)
            .SelectMany(order => order.TryGetProperty("investData", out var invested) ? invested.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(i => (Code: JsonValues.String(i, "ccy") ?? throw new FormatException("An investment has no ccy."), Amount: JsonValues.Decimal(i, "amt")))
            .GroupBy(i => i.Code, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Amount: g.Sum(i => i.Amount)))
            .Where(i => i.Amount != 0m)
            .Select(i => new AssetBalance(WalletKind.Staking, AssetCodes.Common(ExchangeId.Okx, i.Code), i.Code, 0m, i.Amount, i.Amount))];

    /// <summary>
    /// <c>GET /api/v5/users/subaccount/list</c> (master accounts only): <c>data[] {subAcct, label, uid, enable, ts, type, …}</c>;
    /// <c>subAcct</c>, the sub-account name, is what its balances are asked by, and <c>enable: false</c> a frozen one
    /// (OKX API v5, "Get sub-account list": https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-list).
    /// </summary>
    public static IReadOnlyList<(SubAccount SubAccount, string? CreatedMs)> SubAccounts(JsonElement root) =>
        [.. Data(root).Select(d => (
            new SubAccount(
                JsonValues.String(d, "subAcct") ?? throw new FormatException("A sub-account has no subAcct."),
                JsonValues.String(d, "label") is { Length: > 0 } label ? label : null,
                d.TryGetProperty("enable", out var enable) && enable.ValueKind == JsonValueKind.False),
            JsonValues.String(d, "ts")))];

    /// <summary>
    /// <c>GET /api/v5/account/subaccount/balances?subAcct=</c>: a sub-account's trading account, the same body as the
    /// master's own (OKX API v5, "Get sub-account trading balance":
    /// https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-trading-balance); counted at <c>eq</c> as there.
    /// </summary>
    public static IReadOnlyList<AssetBalance> SubAccountTradingBalances(JsonElement root) => TradingBalances(root);

    /// <summary>
    /// <c>GET /api/v5/asset/subaccount/balances?subAcct=</c>: a sub-account's funding account, <c>data[] {ccy, bal,
    /// availBal, frozenBal}</c> as the master's own (OKX API v5, "Get sub-account funding balance":
    /// https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-funding-balance; the fields beyond the page's
    /// head are those of OKX's SDK types, okx-api).
    /// </summary>
    public static IReadOnlyList<AssetBalance> SubAccountFundingBalances(JsonElement root) => FundingBalances(root);

    /// <summary><c>GET /api/v5/account/config</c>: <c>perm</c>, <c>ip</c>, <c>label</c>, <c>uid</c>, <c>mainUid</c>, <c>acctLv</c>, <c>posMode</c>.</summary>
    public static KeyFacts KeyFacts(JsonElement root, ExchangeEnvironment environment, DateTimeOffset now)
    {
        var config = Data(root).First();
        var perms = Split(JsonValues.String(config, "perm"));
        var ips = Split(JsonValues.String(config, "ip"));
        var trade = perms.Contains("trade") ? PermissionState.Granted : PermissionState.Absent;
        var withdraw = perms.Contains("withdraw");
        var uid = JsonValues.String(config, "uid");
        var mainUid = JsonValues.String(config, "mainUid");
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = perms.Contains("read_only") ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.SpotTrade] = trade,
                [KeyPermission.Margin] = trade,
                [KeyPermission.Futures] = trade,
                [KeyPermission.Withdraw] = withdraw ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.InternalTransfer] = trade,
            },
            ExchangePermissions = perms,
            IpWhitelist = ips,
            IpRestricted = ips.Count > 0,
            Label = JsonValues.String(config, "label"),
            Expiry = (trade == PermissionState.Granted || withdraw) && ips.Count == 0 && environment != ExchangeEnvironment.Demo
                ? new KeyExpiry(KeyExpiryKind.Inactivity, now.AddDays(14), Texts.Of("OKXDeletesAKeyWith"))
                : null,
            Account = new AccountFacts
            {
                AccountId = uid,
                MainAccountId = mainUid,
                IsSubAccount = uid is null || mainUid is null ? null : uid != mainUid,
                AccountMode = JsonValues.String(config, "acctLv") switch
                {
                    "1" => "simple",
                    "2" => "single-currency margin",
                    "3" => "multi-currency margin",
                    "4" => "portfolio margin",
                    var other => other,
                },
                PositionMode = JsonValues.String(config, "posMode"),
            },
        };
    }

    /// <summary><c>GET /api/v5/market/tickers?instType=SPOT</c>: <c>data[] {instId: "BTC-USDT", last}</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in Data(root))
        {
            var parts = (JsonValues.String(ticker, "instId") ?? string.Empty).Split('-');
            if (parts.Length == 2 && JsonValues.OptionalDecimal(ticker.GetProperty("last")) is { } last)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Okx, parts[0]), AssetCodes.Common(ExchangeId.Okx, parts[1]), last);
            }
        }
    }

    private static IEnumerable<JsonElement> Data(JsonElement root) => root.GetProperty("data").EnumerateArray();

    private static AssetBalance Balance(WalletKind wallet, JsonElement detail, decimal? reportedTotal)
    {
        var code = detail.GetProperty("ccy").GetString()!;
        var locked = JsonValues.Decimal(detail, "frozenBal");
        var free = detail.TryGetProperty("availBal", out var available) && JsonValues.OptionalDecimal(available) is { } availableBalance
            ? availableBalance
            : (reportedTotal ?? 0m) - locked;
        return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Okx, code), code, free, locked, reportedTotal ?? free + locked);
    }

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
