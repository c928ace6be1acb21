using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

/// <summary>Reads Gate's answers: the wallets, account detail, main-account keys, tickers.</summary>
internal static class GateResponses
{
    /// <summary>
    /// <c>GET /api/v4/margin/accounts</c>: per pair <c>{currency_pair, account_type, base{currency, available, locked,
    /// borrowed, interest}, quote{…}}</c>. <c>available</c> includes what was borrowed ("available = margin + borrowed"), so
    /// each side holds <c>available + locked − borrowed − interest</c>, summed per currency over the pairs
    /// (https://www.gate.com/docs/developers/apiv4/en/isolated-margin "Margin account list"). <c>null</c> when no pair is
    /// opened: the list is empty or every pair is <c>inactive</c> ("market not activated").
    /// </summary>
    public static IReadOnlyList<AssetBalance>? MarginBalances(JsonElement root)
    {
        var pairs = root.EnumerateArray().Where(p => JsonValues.String(p, "account_type") != "inactive").ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        return [.. pairs
            .SelectMany(p => new[] { p.GetProperty("base"), p.GetProperty("quote") })
            .Select(side => (
                Code: JsonValues.String(side, "currency") ?? throw new FormatException("A margin side has no currency."),
                Free: JsonValues.Decimal(side, "available"),
                Locked: JsonValues.Decimal(side, "locked"),
                Owed: JsonValues.Decimal(side, "borrowed") + JsonValues.Decimal(side, "interest")))
            .GroupBy(side => side.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var free = g.Sum(s => s.Free);
                var locked = g.Sum(s => s.Locked);
                return new AssetBalance(WalletKind.Margin, AssetCodes.Common(ExchangeId.Gate, g.Key), g.Key, free, locked, free + locked - g.Sum(s => s.Owed));
            })];
    }

    /// <summary>
    /// <c>GET /api/v4/futures/{settle}/accounts</c> and <c>GET /api/v4/delivery/{settle}/accounts</c>: <c>{currency, total,
    /// unrealised_pnl, available, order_margin, …}</c>; <c>total</c> "does not include unrealised PnL", so the holding is
    /// <c>total + unrealised_pnl</c> (https://www.gate.com/docs/developers/apiv4/en/futures "Get futures account";
    /// https://www.gate.com/docs/developers/apiv4/en/delivery, same schema).
    /// </summary>
    public static IReadOnlyList<AssetBalance> FuturesBalances(JsonElement root)
    {
        var code = JsonValues.String(root, "currency") ?? throw new FormatException("A futures account has no currency.");
        var total = JsonValues.Decimal(root, "total");
        var available = JsonValues.Decimal(root, "available");
        var equity = total + JsonValues.Decimal(root, "unrealised_pnl");
        return [new AssetBalance(WalletKind.Futures, AssetCodes.Common(ExchangeId.Gate, code), code, available, total - available, equity)];
    }

    /// <summary>
    /// <c>GET /api/v4/options/accounts</c>: <c>{currency, total, position_value, equity, available, …}</c>; the holding is
    /// <c>equity</c> (= <c>total + position_value</c>: 1650.443022 − 40.1136 = 1610.329422 in the docs' example;
    /// https://www.gate.com/docs/developers/apiv4/en/options "Query account information").
    /// </summary>
    public static IReadOnlyList<AssetBalance> OptionsBalances(JsonElement root)
    {
        var code = JsonValues.String(root, "currency") ?? throw new FormatException("An options account has no currency.");
        var total = JsonValues.Decimal(root, "total");
        var available = JsonValues.Decimal(root, "available");
        return [new AssetBalance(WalletKind.Options, AssetCodes.Common(ExchangeId.Gate, code), code, available, total - available, JsonValues.Decimal(root, "equity"))];
    }

    /// <summary>
    /// <c>GET /api/v4/earn/uni/lends</c>: <c>[{currency, amount, current_amount, lent_amount, frozen_amount, …}]</c>, one
    /// lending order per currency; the holding is <c>amount</c>, the total lent, of which <c>frozen_amount</c> waits to be
    /// redeemed (https://www.gate.com/docs/developers/apiv4/en/earnuni "Query user's lending order list").
    /// </summary>
    public static IReadOnlyList<AssetBalance> UniLends(JsonElement root) =>
        [.. root.EnumerateArray().Select(lend =>
        {
            var code = JsonValues.String(lend, "currency") ?? throw new FormatException("A lending order has no currency.");
            var amount = JsonValues.Decimal(lend, "amount");
            var frozen = JsonValues.Decimal(lend, "frozen_amount");
            return new AssetBalance(WalletKind.Earn, AssetCodes.Common(ExchangeId.Gate, code), code, amount - frozen, frozen, amount);
        })];

    /// <summary>
    /// <c>GET /api/v4/wallet/total_balance</c>: the estimated value of each account (<c>details{spot, margin, futures,
    /// delivery, options, finance, …}.amount</c>) and in <c>total.amount</c>, in one currency, cached up to a minute
    /// (https://www.gate.com/docs/developers/apiv4/en/wallet "Query personal account totals"). A cross-check of the
    /// wallets read, never a holding.
    /// </summary>
    public static (string Currency, decimal Total, IReadOnlyDictionary<string, decimal> Accounts) TotalBalance(JsonElement root)
    {
        var total = root.GetProperty("total");
        var accounts = root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
            ? details.EnumerateObject().ToDictionary(a => a.Name, a => JsonValues.Decimal(a.Value, "amount"), StringComparer.Ordinal)
            : [];
        return (JsonValues.String(total, "currency") ?? "USDT", JsonValues.Decimal(total, "amount"), accounts);
    }

    /// <summary><c>GET /api/v4/spot/accounts</c>: <c>[{currency, available, locked}]</c>.</summary>
    public static IReadOnlyList<AssetBalance> SpotBalances(JsonElement root) =>
        [.. root.EnumerateArray().Select(b =>
        {
            var code = JsonValues.String(b, "currency") ?? throw new FormatException("A balance has no currency.");
            var free = JsonValues.Decimal(b, "available");
            var locked = JsonValues.Decimal(b, "locked");
            return new AssetBalance(WalletKind.Spot, AssetCodes.Common(ExchangeId.Gate, code), code, free, locked, free + locked);
        })];

    /// <summary><c>GET /api/v4/account/detail</c>: <c>{user_id, ip_whitelist[]}</c> of the calling key.</summary>
    public static (string UserId, IReadOnlyList<string> IpWhitelist) Detail(JsonElement root) =>
        (JsonValues.Long(root, "user_id")?.ToString(CultureInfo.InvariantCulture) ?? throw new FormatException("No user_id."),
         root.TryGetProperty("ip_whitelist", out var ips) && ips.ValueKind == JsonValueKind.Array
             ? [.. ips.EnumerateArray().Select(ip => ip.GetString()!).Where(ip => ip.Length > 0)]
             : []);

    /// <summary>
    /// <c>GET /api/v4/account/main_keys</c>: the entry of the calling key, matched by its visible prefix
    /// (<c>c5dcfbf1f3a7*****</c>), mapped per docs/exchange-permissions.md; <c>null</c> when the key is not listed.
    /// </summary>
    public static KeyFacts? MainKey(JsonElement root, string apiKey, string userId, IReadOnlyList<string> ipWhitelist)
    {
        foreach (var key in root.EnumerateArray())
        {
            var masked = JsonValues.String(key, "key") ?? string.Empty;
            var prefix = masked.TrimEnd('*');
            if (prefix.Length == 0 || !apiKey.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var perms = key.TryGetProperty("perms", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(p => (Name: JsonValues.String(p, "name") ?? string.Empty, ReadOnly: JsonValues.Bool(p, "read_only"))).ToList()
                : [];
            PermissionState Write(params string[] names) =>
                perms.Any(p => names.Contains(p.Name) && !p.ReadOnly) ? PermissionState.Granted : PermissionState.Absent;
            var state = JsonValues.Long(key, "state");
            return new KeyFacts
            {
                Permissions = new Dictionary<KeyPermission, PermissionState>
                {
                    [KeyPermission.Read] = perms.Count > 0 ? PermissionState.Granted : PermissionState.Absent,
                    [KeyPermission.SpotTrade] = Write("spot"),
                    [KeyPermission.Margin] = Write("margin"),
                    [KeyPermission.Futures] = Write("futures", "delivery"),
                    [KeyPermission.Withdraw] = Write("withdraw"),
                    [KeyPermission.InternalTransfer] = Write("wallet"),
                },
                ExchangePermissions = [.. perms.Select(p => p.ReadOnly ? p.Name + ":read" : p.Name + ":write")],
                IpWhitelist = ipWhitelist,
                IpRestricted = ipWhitelist.Count > 0,
                CreatedAt = JsonValues.UnixSeconds(key, "created_at"),
                LastAccessAt = JsonValues.UnixSeconds(key, "last_access"),
                Label = JsonValues.String(key, "name"),
                Expiry = state is 2 or 3
                    ? new KeyExpiry(KeyExpiryKind.Expired, null, Texts.Of("GateReportsThisKeyAs"))
                    : null,
                Account = new AccountFacts { AccountId = userId, IsSubAccount = false },
            };
        }

        return null;
    }

    /// <summary>Facts from the account detail alone, when the key list cannot be read (a sub-account's key).</summary>
    public static KeyFacts DetailOnly(string userId, IReadOnlyList<string> ipWhitelist) => new()
    {
        Permissions = new Dictionary<KeyPermission, PermissionState> { [KeyPermission.Read] = PermissionState.Granted },
        IpWhitelist = ipWhitelist,
        IpRestricted = ipWhitelist.Count > 0,
        Account = new AccountFacts { AccountId = userId },
    };

    /// <summary>
    /// <c>GET /api/v4/sub_accounts?type=0</c>: <c>[{remark, login_name, user_id, state, type, create_time}]</c>, every sub-account
    /// of the main account, regular and cross margin ones; <c>state</c> 2 is locked (Gate API v4, SubAccount, "List
    /// sub-accounts": https://www.gate.com/docs/developers/apiv4/en/#list-sub-accounts). A sub-account is named by its
    /// <c>user_id</c>, which the wallet endpoints take as <c>sub_uid</c>; its note is its login name, with the remark beside it.
    /// </summary>
    public static IReadOnlyList<SubAccount> SubAccounts(JsonElement root) =>
        [.. root.EnumerateArray().Select(sub =>
        {
            var id = JsonValues.Long(sub, "user_id") ?? throw new FormatException("A sub-account has no user_id.");
            var login = JsonValues.String(sub, "login_name");
            var remark = JsonValues.String(sub, "remark");
            var note = string.IsNullOrEmpty(remark) ? login : string.IsNullOrEmpty(login) ? remark : login + " (" + remark + ")";
            return new SubAccount(id.ToString(CultureInfo.InvariantCulture), string.IsNullOrEmpty(note) ? null : note, JsonValues.Long(sub, "state") == 2);
        })];

    /// <summary>
    /// <c>GET /api/v4/wallet/sub_account_balances?sub_uid=</c>: <c>[{uid, available{currency: amount}, locking{currency:
    /// amount}}]</c>, the spot account of each sub-account, <c>locking</c> the locked amounts (since v4.106.61) (Gate API v4,
    /// Wallet, "Query sub-account balance information": https://www.gate.com/docs/developers/apiv4/en/#query-sub-account-balance-information).
    /// The holding is <c>available + locking</c>; <c>null</c> when the answer has no row for <paramref name="uid"/>.
    /// </summary>
    public static IReadOnlyList<AssetBalance>? SubAccountSpot(JsonElement root, string uid)
    {
        if (SubAccountRow(root, uid) is not { } row)
        {
            return null;
        }

        var available = Amounts(row, "available");
        var locking = Amounts(row, "locking");
        return [.. available.Keys.Union(locking.Keys, StringComparer.Ordinal).Select(code =>
        {
            var free = available.GetValueOrDefault(code);
            var locked = locking.GetValueOrDefault(code);
            return new AssetBalance(WalletKind.Spot, AssetCodes.Common(ExchangeId.Gate, code), code, free, locked, free + locked);
        })];
    }

    /// <summary>
    /// <c>GET /api/v4/wallet/sub_account_margin_balances?sub_uid=</c>: <c>[{uid, available[]}]</c>, <c>available</c> the
    /// sub-account's isolated margin pairs as <see cref="MarginBalances"/> reads them (Gate API v4, Wallet, "Query sub-account
    /// isolated margin account balance information"). <c>null</c> when no pair is opened or the sub-account has no row.
    /// </summary>
    public static IReadOnlyList<AssetBalance>? SubAccountMargin(JsonElement root, string uid) =>
        SubAccountRow(root, uid) is { } row && row.TryGetProperty("available", out var pairs) && pairs.ValueKind == JsonValueKind.Array
            ? MarginBalances(pairs)
            : null;

    /// <summary>
    /// <c>GET /api/v4/wallet/sub_account_futures_balances?sub_uid=&amp;settle=</c>: <c>[{uid, available{settle: futures
    /// account}}]</c>, each account as <see cref="FuturesBalances"/> reads it, <c>total</c> without the unrealised PnL (Gate
    /// API v4, Wallet, "Query sub-account perpetual futures account balance information"; its example nests the list in a
    /// second array, which is read too). <c>null</c> when the settlement currency has no account (<c>"usd": {}</c> in the
    /// example) or the sub-account has no row.
    /// </summary>
    public static IReadOnlyList<AssetBalance>? SubAccountFutures(JsonElement root, string uid, string settle)
    {
        if (SubAccountRow(root, uid) is not { } row || !row.TryGetProperty("available", out var accounts) || accounts.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var account = accounts.EnumerateObject().FirstOrDefault(a => string.Equals(a.Name, settle, StringComparison.OrdinalIgnoreCase)).Value;
        return account.ValueKind == JsonValueKind.Object && JsonValues.String(account, "currency") is not null ? FuturesBalances(account) : null;
    }

    /// <summary>
    /// <c>GET /api/v4/wallet/sub_account_cross_margin_balances?sub_uid=</c>: <c>[{uid, available{user_id, balances{currency:
    /// {available, freeze, borrowed, interest}}, total, net, …}}]</c>; <c>user_id</c> 0 is a cross margin account never opened
    /// (Gate API v4, Wallet, "Query sub-account cross margin account balance information"). Each currency holds
    /// <c>available + freeze − borrowed − interest</c>; <c>total</c>, <c>net</c> and the margin totals are values in USDT, never
    /// holdings. <c>null</c> when never opened or the sub-account has no row.
    /// </summary>
    public static IReadOnlyList<AssetBalance>? SubAccountCrossMargin(JsonElement root, string uid)
    {
        if (SubAccountRow(root, uid) is not { } row || !row.TryGetProperty("available", out var account) || account.ValueKind != JsonValueKind.Object
            || JsonValues.Long(account, "user_id") is null or 0)
        {
            return null;
        }

        return account.TryGetProperty("balances", out var balances) && balances.ValueKind == JsonValueKind.Object
            ? [.. balances.EnumerateObject().Select(b =>
            {
                var free = JsonValues.Decimal(b.Value, "available");
                var locked = JsonValues.Decimal(b.Value, "freeze");
                var owed = JsonValues.Decimal(b.Value, "borrowed") + JsonValues.Decimal(b.Value, "interest");
                return new AssetBalance(WalletKind.Margin, AssetCodes.Common(ExchangeId.Gate, b.Name), b.Name, free, locked, free + locked - owed);
            })]
            : [];
    }

    /// <summary>The row of one sub-account in a list of <c>{uid, available}</c> rows, the list nested once or not.</summary>
    private static JsonElement? SubAccountRow(JsonElement root, string uid)
    {
        var row = root.EnumerateArray()
            .SelectMany(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : Enumerable.Repeat(r, 1))
            .FirstOrDefault(r => string.Equals(JsonValues.String(r, "uid"), uid, StringComparison.Ordinal));
        return row.ValueKind == JsonValueKind.Object ? row : null;
    }

    private static Dictionary<string, decimal> Amounts(JsonElement row, string property) =>
        row.TryGetProperty(property, out var amounts) && amounts.ValueKind == JsonValueKind.Object
            ? amounts.EnumerateObject().ToDictionary(a => a.Name, a => JsonValues.OptionalDecimal(a.Value) ?? 0m, StringComparer.Ordinal)
            : new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary><c>GET /api/v4/spot/tickers</c>: <c>[{currency_pair: "BTC_USDT", last}]</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.EnumerateArray())
        {
            var parts = (JsonValues.String(ticker, "currency_pair") ?? string.Empty).Split('_');
            if (parts.Length == 2 && ticker.TryGetProperty("last", out var last) && JsonValues.OptionalDecimal(last) is { } price)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Gate, parts[0]), AssetCodes.Common(ExchangeId.Gate, parts[1]), price);
            }
        }
    }
}
