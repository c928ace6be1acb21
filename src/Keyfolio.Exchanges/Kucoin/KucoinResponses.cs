using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kucoin;

/// <summary>Reads KuCoin's answers: the funding and spot accounts, margin, futures and earn, the key's info, tickers.</summary>
internal static class KucoinResponses
{
    /// <summary>
    /// <c>GET /api/v1/accounts</c>: <c>data[] {currency, type, balance, available, holds}</c>; <c>main</c> is the funding
    /// account, <c>trade</c> (and the high-frequency <c>trade_hf</c>) the spot account; the abandoned <c>margin</c> and
    /// <c>isolated</c> rows are left to the margin endpoints (KuCoin API, "Get Account List - Spot").
    /// </summary>
    public static IReadOnlyList<AssetBalance> Accounts(JsonElement root)
    {
        var balances = new List<AssetBalance>();
        foreach (var account in Data(root).EnumerateArray())
        {
            WalletKind? wallet = JsonValues.String(account, "type") switch
            {
                "main" => WalletKind.Funding,
                "trade" or "trade_hf" => WalletKind.Spot,
                "option" => WalletKind.Options,
                _ => null,
            };
            if (wallet is { } kind)
            {
                var code = JsonValues.String(account, "currency") ?? throw new FormatException("An account has no currency.");
                var free = JsonValues.Decimal(account, "available");
                var locked = JsonValues.Decimal(account, "holds");
                var total = account.TryGetProperty("balance", out var balance) && JsonValues.OptionalDecimal(balance) is { } reported ? reported : free + locked;
                balances.Add(new AssetBalance(kind, AssetCodes.Common(ExchangeId.Kucoin, code), code, free, locked, total));
            }
        }

        return Merge(balances);
    }

    /// <summary><c>GET /api/v3/margin/accounts</c>: <c>data.accounts[] {currency, total, available, hold, liability}</c>, counted net of the liability.</summary>
    public static IReadOnlyList<AssetBalance> CrossMargin(JsonElement root) =>
        Data(root).TryGetProperty("accounts", out var accounts) && accounts.ValueKind == JsonValueKind.Array
            ? Merge([.. accounts.EnumerateArray().Select(MarginAsset).OfType<AssetBalance>()])
            : [];

    /// <summary><c>GET /api/v3/isolated/accounts</c>: <c>data.assets[] {symbol, baseAsset{…}, quoteAsset{…}}</c>, each side as in cross margin.</summary>
    public static IReadOnlyList<AssetBalance> IsolatedMargin(JsonElement root) =>
        Data(root).TryGetProperty("assets", out var assets) && assets.ValueKind == JsonValueKind.Array
            ? Merge([.. assets.EnumerateArray()
                .SelectMany(pair => new[] { "baseAsset", "quoteAsset" }.Select(side => pair.TryGetProperty(side, out var asset) ? MarginAsset(asset) : null))
                .OfType<AssetBalance>()])
            : [];

    /// <summary>
    /// <c>GET /api/v1/account-overview?currency=…</c> (futures host): <c>data {currency, accountEquity, availableBalance, …}</c>
    /// as JSON numbers; the equity (margin balance plus unrealised profit and loss) is the wallet's value.
    /// </summary>
    public static IReadOnlyList<AssetBalance> FuturesOverview(JsonElement root)
    {
        var data = Data(root);
        var code = JsonValues.String(data, "currency") ?? throw new FormatException("The futures account has no currency.");
        var equity = JsonValues.Decimal(data, "accountEquity");
        if (equity == 0m)
        {
            return [];
        }

        var free = Math.Min(JsonValues.Decimal(data, "availableBalance"), equity);
        return [new AssetBalance(WalletKind.Futures, AssetCodes.Common(ExchangeId.Kucoin, code), code, free, equity - free, equity)];
    }

    /// <summary>
    /// <c>GET /api/v1/earn/hold-assets</c>: <c>data.items[] {currency, productCategory, holdAmount}</c>, summed per currency;
    /// staking products (<c>STAKING</c>, <c>KCS_STAKING</c>, <c>ETH2</c>) are staking, the others earn (KuCoin API, "Get Account Holding").
    /// </summary>
    public static (IReadOnlyList<AssetBalance> Balances, int TotalPages) EarnHoldings(JsonElement root)
    {
        var data = Data(root);
        var balances = new List<AssetBalance>();
        if (data.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                var code = JsonValues.String(item, "currency") ?? throw new FormatException("An earn holding has no currency.");
                var wallet = JsonValues.String(item, "productCategory") is "STAKING" or "KCS_STAKING" or "ETH2" ? WalletKind.Staking : WalletKind.Earn;
                var held = JsonValues.Decimal(item, "holdAmount");
                balances.Add(new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Kucoin, code), code, 0m, held, held));
            }
        }

        return (Merge(balances), (int)(JsonValues.Long(data, "totalPage") ?? 1));
    }

    /// <summary>
    /// <c>GET /api/v1/user/api-key</c>: <c>data {remark, apiKey, apiVersion, permission, ipWhitelist, createdAt, uid, isMaster, subName}</c>,
    /// mapped per docs/exchange-permissions.md. KuCoin hides the middle of every whitelisted address (<c>203.**.154</c>) and
    /// reports no expiry: a key with only <c>General</c> never expires; one that can trade without an IP address is deleted
    /// after 30 days unused (KuCoin help centre, "How to Create an API": https://www.kucoin.com/support/360015102174).
    /// </summary>
    public static KeyFacts KeyFacts(JsonElement root, DateTimeOffset now)
    {
        var data = Data(root);
        var perms = Split(JsonValues.String(data, "permission"));
        var ips = Split(JsonValues.String(data, "ipWhitelist"));
        PermissionState State(params string[] tokens) =>
            perms.Any(p => tokens.Contains(p, StringComparer.OrdinalIgnoreCase)) ? PermissionState.Granted : PermissionState.Absent;
        var spot = State("Spot");
        var trades = spot == PermissionState.Granted || State("Margin", "Futures") == PermissionState.Granted;
        var uid = JsonValues.String(data, "uid");
        var isMaster = data.TryGetProperty("isMaster", out var master) && master.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? master.GetBoolean()
            : (bool?)null;
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = State("General"),
                [KeyPermission.SpotTrade] = spot,
                [KeyPermission.Margin] = State("Margin"),
                [KeyPermission.Futures] = State("Futures"),

                // "Transfer" is the Withdrawal permission; later names are read the same way, defensively.
                [KeyPermission.Withdraw] = State("Transfer", "Withdrawal", "Withdraw"),

                // Spot includes the inner transfer between funding and spot; InnerTransfer is "Flex Transfers".
                [KeyPermission.InternalTransfer] = spot == PermissionState.Granted ? spot : State("InnerTransfer"),
            },
            ExchangePermissions = perms,
            IpWhitelist = ips,
            IpRestricted = ips.Count > 0,
            CreatedAt = JsonValues.UnixMilliseconds(data, "createdAt"),
            Label = JsonValues.String(data, "remark"),
            Expiry = trades && ips.Count == 0
                ? new KeyExpiry(KeyExpiryKind.Inactivity, now.AddDays(30), Texts.Of("KuCoinDeletesAKeyThat"))
                : null,
            Account = new AccountFacts
            {
                AccountId = uid,
                IsSubAccount = isMaster is { } main ? !main : null,
            },
        };
    }

    /// <summary><c>GET /api/v2/user-info</c>: <c>data {level, subQuantity, …}</c>, the number of sub-accounts the account has
    /// (KuCoin API, "Get Account Summary Info": https://www.kucoin.com/docs-new/api-3470119).</summary>
    public static long SubQuantity(JsonElement root) =>
        JsonValues.Long(Data(root), "subQuantity") ?? throw new FormatException("The account summary has no subQuantity.");

    /// <summary>
    /// One page of <c>GET /api/v2/sub-accounts</c>: <c>data {currentPage, pageSize, totalNum, totalPage, items[] {subUserId, subName,
    /// mainAccounts[], tradeAccounts[], marginAccounts[], tradeHFAccounts[]}}</c>, each account entry <c>{currency, balance,
    /// available, holds, …}</c> as strings (KuCoin API, "Get SubAccount List - Spot Balance (V2)": https://www.kucoin.com/docs-new/api-3470133).
    /// <c>mainAccounts</c> is the funding account, <c>tradeAccounts</c> (with the deprecated <c>tradeHFAccounts</c>) the spot
    /// account, <c>marginAccounts</c> cross margin. A sub-account is named by its <c>subName</c>, which the futures overview uses too.
    /// </summary>
    public static (IReadOnlyList<KucoinSubAccount> SubAccounts, int TotalPages) SubAccounts(JsonElement root)
    {
        var data = Data(root);
        var subs = new List<KucoinSubAccount>();
        if (data.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                var name = JsonValues.String(item, "subName") ?? throw new FormatException("A sub-account has no subName.");
                IEnumerable<AssetBalance> In(string property, WalletKind wallet) =>
                    item.TryGetProperty(property, out var entries) && entries.ValueKind == JsonValueKind.Array
                        ? entries.EnumerateArray().Select(entry => SubAccountAsset(entry, wallet)).OfType<AssetBalance>()
                        : [];
                subs.Add(new KucoinSubAccount(
                    name,
                    JsonValues.String(item, "subUserId"),
                    Merge([.. In("mainAccounts", WalletKind.Funding), .. In("tradeAccounts", WalletKind.Spot), .. In("tradeHFAccounts", WalletKind.Spot), .. In("marginAccounts", WalletKind.Margin)])));
            }
        }

        return (subs, (int)(JsonValues.Long(data, "totalPage") ?? 1));
    }

    /// <summary>
    /// <c>GET /api/v1/account-overview-all?currency=…</c> (futures host): <c>data {summary {…}, accounts[] {accountName, accountEquity,
    /// availableBalance, currency, …}}</c> as JSON numbers, one row per account with futures, <c>main</c> being the master
    /// (KuCoin API, "Get SubAccount List - Futures Balance (V2)": https://www.kucoin.com/docs-new/api-3470134). Each
    /// sub-account's row by its name, its equity as the wallet's value (null when nothing is held).
    /// </summary>
    public static IReadOnlyDictionary<string, AssetBalance?> SubAccountFutures(JsonElement root)
    {
        var data = Data(root);
        var rows = new Dictionary<string, AssetBalance?>(StringComparer.Ordinal);
        if (data.TryGetProperty("accounts", out var accounts) && accounts.ValueKind == JsonValueKind.Array)
        {
            foreach (var account in accounts.EnumerateArray())
            {
                var name = JsonValues.String(account, "accountName") ?? throw new FormatException("A futures account has no accountName.");
                var code = JsonValues.String(account, "currency") ?? throw new FormatException("A futures account has no currency.");
                var equity = JsonValues.Decimal(account, "accountEquity");
                var free = Math.Min(JsonValues.Decimal(account, "availableBalance"), equity);
                rows[name] = equity == 0m ? null : new AssetBalance(WalletKind.Futures, AssetCodes.Common(ExchangeId.Kucoin, code), code, free, equity - free, equity);
            }
        }

        return rows;
    }

    /// <summary><c>GET /api/v1/market/allTickers</c>: <c>data.ticker[] {symbol: "BTC-USDT", last}</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        if (!Data(root).TryGetProperty("ticker", out var tickers) || tickers.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var ticker in tickers.EnumerateArray())
        {
            var parts = (JsonValues.String(ticker, "symbol") ?? string.Empty).Split('-');
            if (parts.Length == 2 && ticker.TryGetProperty("last", out var last) && JsonValues.OptionalDecimal(last) is { } price)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Kucoin, parts[0]), AssetCodes.Common(ExchangeId.Kucoin, parts[1]), price);
            }
        }
    }

    private static JsonElement Data(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && KucoinErrors.IsSuccessCode(JsonValues.String(root, "code")) && root.TryGetProperty("data", out var data)
            ? data
            : throw new FormatException("The answer carries no data.");

    private static AssetBalance? MarginAsset(JsonElement asset)
    {
        var code = JsonValues.String(asset, "currency") ?? throw new FormatException("A margin asset has no currency.");
        var total = JsonValues.Decimal(asset, "total");
        var liability = JsonValues.Decimal(asset, "liability");
        if (total == 0m && liability == 0m)
        {
            return null;
        }

        return new AssetBalance(WalletKind.Margin, AssetCodes.Common(ExchangeId.Kucoin, code), code,
            JsonValues.Decimal(asset, "available"), JsonValues.Decimal(asset, "hold"), total - liability);
    }

    private static AssetBalance? SubAccountAsset(JsonElement entry, WalletKind wallet)
    {
        var code = JsonValues.String(entry, "currency") ?? throw new FormatException("A sub-account balance has no currency.");
        var free = JsonValues.Decimal(entry, "available");
        var locked = JsonValues.Decimal(entry, "holds");
        var total = entry.TryGetProperty("balance", out var balance) && JsonValues.OptionalDecimal(balance) is { } reported ? reported : free + locked;
        return total == 0m ? null : new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Kucoin, code), code, free, locked, total);
    }

    /// <summary>One line per wallet and asset: KuCoin lists an asset once per account, pair or product.</summary>
    public static List<AssetBalance> Merge(IEnumerable<AssetBalance> balances) =>
        [.. balances
            .GroupBy(b => (b.Wallet, b.Asset))
            .Select(g => g.Skip(1).Any()
                ? new AssetBalance(g.Key.Wallet, g.Key.Asset, g.First().ExchangeAsset, g.Sum(b => b.Free), g.Sum(b => b.Locked), g.Sum(b => b.Total))
                : g.First())];

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>One sub-account as KuCoin's sub-account list gives it: its name, its id and its funding, spot and margin balances.</summary>
internal sealed record KucoinSubAccount(string Name, string? SubUserId, IReadOnlyList<AssetBalance> Balances);
