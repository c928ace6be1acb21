using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Htx;

/// <summary>Reads HTX's answers: accounts, balances, the user id, key information and tickers.</summary>
internal static class HtxResponses
{
    /// <summary>The wallets Keyfolio reads, by HTX account type, in the order they are reported.</summary>
    internal static readonly IReadOnlyList<(string Type, WalletKind Wallet)> Wallets =
    [
        ("spot", WalletKind.Spot),
        ("margin", WalletKind.Margin),
        ("super-margin", WalletKind.Margin),
        ("otc", WalletKind.Funding),
        ("point", WalletKind.Funding),
    ];

    /// <summary>
    /// <c>GET /v1/account/accounts</c>: <c>data[] {id, type, subtype, state}</c>, the ones Keyfolio reads, spot first. A
    /// margin, super-margin or borrow account exists only after the first transfer into it, so an absent type is a wallet
    /// never opened (HTX spot API, "Get all Accounts of the Current User": https://www.htx.com/en-us/opend/newApiPages/).
    /// </summary>
    public static IReadOnlyList<HtxAccount> Accounts(JsonElement root) =>
        [.. root.GetProperty("data").EnumerateArray()
            .Select(a => (Type: JsonValues.String(a, "type") ?? string.Empty, Account: a))
            .Where(a => Wallets.Any(w => w.Type == a.Type))
            .Select(a => new HtxAccount(
                JsonValues.Long(a.Account, "id") ?? throw new FormatException("An account has no id."),
                a.Type,
                JsonValues.String(a.Account, "subtype") is { Length: > 0 } subtype ? subtype : null))
            .OrderBy(a => a.Type != "spot")];

    /// <summary>
    /// <c>GET /v1/account/accounts/{id}/balance</c>: <c>data.list[] {currency, type, balance}</c>. A currency holds the sum of
    /// its <c>trade</c>, <c>frozen</c>, <c>lock</c>, <c>loan</c> and <c>interest</c> rows: loan and interest rows are negative,
    /// "the loan or interest that need to repay", so a margin account counts net of what it owes; the capacity rows
    /// <c>transfer-out-available</c> and <c>loan-available</c> are not holdings (HTX spot API, "Get Account Balance of a
    /// Specific Account" and "Get the Balance of the Margin Loan Account": https://www.htx.com/en-us/opend/newApiPages/).
    /// </summary>
    public static IReadOnlyList<AssetBalance> Balances(JsonElement root, WalletKind wallet) =>
        ListBalances(root.GetProperty("data").GetProperty("list"), wallet);

    /// <summary>
    /// <c>GET /v2/sub-user/user-list</c>: <c>data[] {uid, userState}</c> in ascending order of uid, at most 100 a page, and
    /// <c>nextId</c>, the first uid of the next page when there is one; <c>lock</c> is a sub-user its parent locked; the list
    /// gives no note (HTX spot
    /// API, "Get Sub User's List", API key permission Read: https://www.htx.com/support/900001331346).
    /// </summary>
    public static (IReadOnlyList<SubAccount> SubUsers, string? NextId) SubUsers(JsonElement root) =>
        ([.. root.GetProperty("data").EnumerateArray().Select(user => new SubAccount(
                (JsonValues.Long(user, "uid") ?? throw new FormatException("A sub-user has no uid.")).ToString(CultureInfo.InvariantCulture),
                null,
                JsonValues.String(user, "userState") == "lock"))],
            JsonValues.Long(root, "nextId") is { } next ? next.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>
    /// <c>GET /v1/account/accounts/{sub-uid}</c>: <c>data[] {id, type, state, list[] {currency, type, balance}}</c>, every account
    /// of the sub-user (spot, isolated and cross margin, otc, point) with its rows as in <see cref="Balances"/> (HTX spot API,
    /// "Get Account Balance of a Sub-User", API key permission Read, 20 times/2 s:
    /// https://huobiapi.github.io/docs/spot/v1/en/). The accounts Keyfolio reads, by type.
    /// </summary>
    public static IReadOnlyList<(string Type, IReadOnlyList<AssetBalance> Balances)> SubUserAccounts(JsonElement root) =>
        [.. root.GetProperty("data").EnumerateArray()
            .Select(account => (Type: JsonValues.String(account, "type") ?? string.Empty, Account: account))
            .Where(a => Wallets.Any(w => w.Type == a.Type))
            .Select(a => (a.Type, ListBalances(a.Account.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array
                ? list
                : throw new FormatException("A sub-user's account has no list."), Wallets.First(w => w.Type == a.Type).Wallet)))];

    private static IReadOnlyList<AssetBalance> ListBalances(JsonElement list, WalletKind wallet) =>
        [.. list.EnumerateArray()
            .GroupBy(item => JsonValues.String(item, "currency") ?? string.Empty, StringComparer.Ordinal)
            .Select(group =>
            {
                decimal Sum(params string[] types) => group.Where(i => types.Contains(JsonValues.String(i, "type"))).Sum(i => JsonValues.Decimal(i, "balance"));
                var free = Sum("trade");
                var locked = Sum("frozen", "lock");
                return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Htx, group.Key), group.Key, free, locked, free + locked + Sum("loan", "interest"));
            })];

    /// <summary>
    /// The derivatives accounts' answers (api.hbdm.com), one row per margin asset: <c>data[] {symbol | margin_asset |
    /// margin_account, margin_balance, …}</c>. <c>margin_balance</c> is the equity, the static margin plus unrealised profit
    /// (<c>margin_balance = margin_static + profit_unreal</c> in the coin-margined swap example: 723.92295 − 6.32199 =
    /// 717.60096), so it is the holding; rows at zero (the unified account lists every margin asset) are left out.
    /// </summary>
    public static IReadOnlyList<AssetBalance> ContractBalances(JsonElement root) =>
        [.. root.GetProperty("data").EnumerateArray()
            .Select(row => (
                Code: JsonValues.String(row, "margin_asset") ?? JsonValues.String(row, "symbol") ?? JsonValues.String(row, "margin_account")
                    ?? throw new FormatException("A derivatives account has no asset."),
                Equity: JsonValues.Decimal(row, "margin_balance"),
                Frozen: JsonValues.Decimal(row, "margin_frozen")))
            .Where(row => row.Equity != 0m)
            .Select(row => new AssetBalance(
                WalletKind.Futures, AssetCodes.Common(ExchangeId.Htx, row.Code), row.Code, row.Equity - row.Frozen, row.Frozen, row.Equity))];

    /// <summary><c>GET /v2/user/uid</c>: <c>{"code":200,"data":uid}</c>.</summary>
    public static string Uid(JsonElement root) =>
        (JsonValues.Long(root, "data") ?? throw new FormatException("No uid.")).ToString(CultureInfo.InvariantCulture);

    /// <summary><c>GET /v2/user/api-key</c>: <c>data[] {accessKey, note, permission, ipAddresses, validDays, status, createTime}</c>.</summary>
    public static KeyFacts KeyFacts(JsonElement root, string apiKey, string uid, DateTimeOffset now)
    {
        var keys = root.GetProperty("data").EnumerateArray().ToList();
        var key = keys.FirstOrDefault(k => string.Equals(JsonValues.String(k, "accessKey"), apiKey, StringComparison.Ordinal));
        if (key.ValueKind != JsonValueKind.Object)
        {
            key = keys.Count == 1 ? keys[0] : throw new FormatException("The key is not in the answer.");
        }

        var permissions = Split(JsonValues.String(key, "permission"));
        var ips = Split(JsonValues.String(key, "ipAddresses"));
        var trade = permissions.Contains("trade") ? PermissionState.Granted : PermissionState.Absent;
        var validDays = JsonValues.Long(key, "validDays");
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = permissions.Contains("readOnly") ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.SpotTrade] = trade,
                [KeyPermission.Margin] = trade,
                [KeyPermission.Futures] = trade,
                [KeyPermission.Withdraw] = permissions.Contains("withdraw") ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.InternalTransfer] = trade,
            },
            ExchangePermissions = permissions,
            IpWhitelist = ips,
            IpRestricted = ips.Count > 0,
            CreatedAt = JsonValues.UnixMilliseconds(key, "createTime"),
            Label = JsonValues.String(key, "note"),
            Expiry = (JsonValues.String(key, "status"), validDays) switch
            {
                ("expired", _) => new KeyExpiry(KeyExpiryKind.Expired, null, Rule),
                (_, { } days and >= 0) => new KeyExpiry(KeyExpiryKind.Key, now.AddDays(days), Rule),
                _ => null,
            },
            Account = new AccountFacts { AccountId = uid },
        };
    }

    /// <summary><c>GET /market/tickers</c>: <c>data[] {symbol: "btcusdt", close}</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.GetProperty("data").EnumerateArray())
        {
            if (JsonValues.String(ticker, "symbol") is { } symbol
                && ticker.TryGetProperty("close", out var close)
                && UsdPrices.FromJoinedSymbol(symbol, JsonValues.Decimal(close), code => AssetCodes.Common(ExchangeId.Htx, code)) is { } market)
            {
                yield return market;
            }
        }
    }

    private static readonly LocalizedText Rule = Texts.Of("HTXExpiresAKeyThat");

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>One of the user's accounts: its id, HTX's type and, for an isolated-margin account, its symbol.</summary>
internal sealed record HtxAccount(long Id, string Type, string? Subtype)
{
    public WalletKind Wallet => HtxResponses.Wallets.First(w => w.Type == Type).Wallet;

    /// <summary>The account as HTX names it: its type, and the symbol of an isolated-margin account.</summary>
    public string Name => Subtype is null ? Type : Type + " " + Subtype;
}
