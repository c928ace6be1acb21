using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

/// <summary>Reads Binance's answers: spot account, funding wallet, Simple Earn positions, cross and isolated margin,
/// USDⓈ-M and COIN-M futures accounts, API restrictions and price tickers.</summary>
internal static class BinanceResponses
{
    /// <summary><c>GET /api/v3/account</c>: <c>balances[] {asset, free, locked}</c>.</summary>
    public static IReadOnlyList<AssetBalance> SpotBalances(JsonElement root) =>
        [.. root.GetProperty("balances").EnumerateArray().Select(b => Balance(WalletKind.Spot, b, JsonValues.Decimal(b, "locked")))];

    /// <summary><c>POST /sapi/v1/asset/get-funding-asset</c>: <c>[{asset, free, locked, freeze, withdrawing}]</c>.</summary>
    public static IReadOnlyList<AssetBalance> FundingBalances(JsonElement root) =>
        [.. root.EnumerateArray().Select(b => Balance(
            WalletKind.Funding,
            b,
            JsonValues.Decimal(b, "locked") + JsonValues.Decimal(b, "freeze") + JsonValues.Decimal(b, "withdrawing")))];

    /// <summary>
    /// <c>GET /sapi/v1/simple-earn/flexible/position</c>: <c>{rows[] {asset, totalAmount, collateralAmount, …}, total}</c>
    /// (Binance Simple Earn, "Get Flexible Product Position": https://developers.binance.com/docs/simple_earn/account/Get-Flexible-Product-Position).
    /// <c>totalAmount</c> is the position; <c>collateralAmount</c> is the part pledged for a loan and still the user's, so
    /// it is not subtracted. An account without positions answers <c>rows: [], total: 0</c>.
    /// </summary>
    public static EarnPage FlexibleEarn(JsonElement root) => Earn(root, "totalAmount", locked: false);

    /// <summary>
    /// <c>GET /sapi/v1/simple-earn/locked/position</c>: <c>{rows[] {positionId, asset, amount, …}, total}</c>, one row per
    /// position (Binance Simple Earn, "Get Locked Product Position":
    /// https://developers.binance.com/docs/simple_earn/flexible-locked/account/Get-Locked-Product-Position).
    /// </summary>
    public static EarnPage LockedEarn(JsonElement root) => Earn(root, "amount", locked: true);

    /// <summary>
    /// <c>GET /sapi/v1/margin/account</c>: <c>{created, userAssets[] {asset, free, locked, borrowed, interest, netAsset}}</c>.
    /// Each asset counts at its <c>netAsset</c> = free + locked − borrowed − interest, negative when more is owed than held;
    /// <c>created: false</c> means the cross margin account was never opened (Binance Margin Trading, "Query Cross Margin
    /// Account Details": https://developers.binance.com/docs/margin_trading/account/Query-Cross-Margin-Account-Details).
    /// </summary>
    public static WalletRead CrossMargin(JsonElement root)
    {
        var created = !root.TryGetProperty("created", out var flag) || flag.ValueKind != JsonValueKind.False;
        var assets = root.TryGetProperty("userAssets", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(MarginAsset) : [];
        return new WalletRead(Merge(assets), created);
    }

    /// <summary>
    /// <c>GET /sapi/v1/margin/isolated/account</c> (no <c>symbols</c>: every pair): <c>assets[] {symbol, isolatedCreated,
    /// baseAsset {…}, quoteAsset {…}}</c>, each side with the fields of cross margin; both sides of every pair count at
    /// their <c>netAsset</c>. No pair, or none created, is an isolated margin wallet never opened (Binance Margin Trading,
    /// "Query Isolated Margin Account Info": https://developers.binance.com/docs/margin_trading/account/Query-Isolated-Margin-Account-Info).
    /// </summary>
    public static WalletRead IsolatedMargin(JsonElement root)
    {
        var pairs = root.TryGetProperty("assets", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        var created = pairs.Where(p => !p.TryGetProperty("isolatedCreated", out var flag) || flag.ValueKind != JsonValueKind.False).ToList();
        var sides = created.SelectMany(p => new[] { p.GetProperty("baseAsset"), p.GetProperty("quoteAsset") });
        return new WalletRead(Merge(sides.Select(MarginAsset)), created.Count > 0);
    }

    /// <summary>
    /// <c>GET /fapi/v3/account</c> (fapi.binance.com): <c>assets[] {asset, walletBalance, unrealizedProfit, marginBalance, …}</c>;
    /// each asset counts at its wallet balance plus unrealised profit and loss. The top-level totals count USDT only in
    /// single-asset mode and are USD sums in multi-assets mode, so they are never holdings (USDⓈ-M Futures, "Account
    /// Information V3": https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3).
    /// </summary>
    public static IReadOnlyList<AssetBalance> UsdsFutures(JsonElement root) => FuturesAssets(root);

    /// <summary>
    /// <c>GET /dapi/v1/account</c> (dapi.binance.com): <c>assets[] {asset, walletBalance, unrealizedProfit, marginBalance, …}</c>,
    /// in the coin each contract settles in; wallet balance plus unrealised profit and loss (COIN-M Futures, "Account
    /// Information": https://developers.binance.com/docs/derivatives/coin-margined-futures/account/Account-Information).
    /// </summary>
    public static IReadOnlyList<AssetBalance> CoinFutures(JsonElement root) => FuturesAssets(root);

    /// <summary>
    /// <c>GET /sapi/v1/asset/wallet/balance</c>: <c>[{activate, balance, walletName}]</c>, one entry per wallet, names as
    /// Binance writes them (<c>USDⓈ-M Futures</c>, <c>COIN-M Futures</c>, …); <c>activate: false</c> is a wallet never
    /// opened. Values only: never added to holdings (Binance Wallet, "Query User Wallet Balance":
    /// https://developers.binance.com/docs/wallet/asset/query-user-wallet-balance).
    /// </summary>
    public static IReadOnlyDictionary<string, bool> WalletsOpened(JsonElement root) =>
        root.EnumerateArray()
            .Where(w => JsonValues.String(w, "walletName") is not null)
            .GroupBy(w => JsonValues.String(w, "walletName")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Any(w => JsonValues.Bool(w, "activate")), StringComparer.Ordinal);

    /// <summary><c>GET /sapi/v1/account/apiRestrictions</c>, mapped per docs/exchange-permissions.md.</summary>
    public static KeyFacts KeyFacts(JsonElement root)
    {
        var granted = root.EnumerateObject()
            .Where(p => p.Name.StartsWith("enable", StringComparison.Ordinal) || p.Name.StartsWith("permits", StringComparison.Ordinal))
            .Where(p => p.Value.ValueKind == JsonValueKind.True)
            .Select(p => p.Name)
            .ToList();
        var ipRestricted = JsonValues.Bool(root, "ipRestrict");
        var tradingExpiry = JsonValues.UnixMilliseconds(root, "tradingAuthorityExpirationTime");
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = State(root, "enableReading"),
                [KeyPermission.SpotTrade] = State(root, "enableSpotAndMarginTrading"),
                [KeyPermission.Margin] = State(root, "enableMargin"),
                [KeyPermission.Futures] = State(root, "enableFutures"),
                [KeyPermission.Withdraw] = State(root, "enableWithdrawals"),
                [KeyPermission.InternalTransfer] = JsonValues.Bool(root, "enableInternalTransfer") || JsonValues.Bool(root, "permitsUniversalTransfer")
                    ? PermissionState.Granted
                    : PermissionState.Absent,
            },
            ExchangePermissions = granted,
            IpRestricted = ipRestricted,
            IpWhitelist = ipRestricted ? null : [],
            CreatedAt = JsonValues.UnixMilliseconds(root, "createTime"),
            Expiry = tradingExpiry is { } at
                ? new KeyExpiry(KeyExpiryKind.TradingRight, at, Texts.Of("OnAKeyWithoutTrusted"))
                : null,
        };
    }

    /// <summary><c>GET /api/v3/ticker/price</c>: <c>[{symbol, price}]</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.EnumerateArray())
        {
            if (JsonValues.String(ticker, "symbol") is { } symbol
                && UsdPrices.FromJoinedSymbol(symbol, JsonValues.Decimal(ticker, "price"), code => AssetCodes.Common(ExchangeId.Binance, code)) is { } market)
            {
                yield return market;
            }
        }
    }

    private static EarnPage Earn(JsonElement root, string amount, bool locked)
    {
        var rows = root.GetProperty("rows");
        var total = JsonValues.Long(root, "total") ?? 0;
        var balances = rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray().Select(row =>
            {
                var code = row.GetProperty("asset").GetString()!;
                var held = JsonValues.Decimal(row, amount);
                return new AssetBalance(WalletKind.Earn, AssetCodes.Common(ExchangeId.Binance, code), code, locked ? 0m : held, locked ? held : 0m, held);
            })
            : [];
        return new EarnPage(Merge(balances), (int)Math.Min(total, int.MaxValue));
    }

    private static IReadOnlyList<AssetBalance> FuturesAssets(JsonElement root) =>
        Merge(root.GetProperty("assets").EnumerateArray().Select(asset =>
        {
            var code = asset.GetProperty("asset").GetString()!;
            var wallet = JsonValues.Decimal(asset, "walletBalance");
            var equity = wallet + JsonValues.Decimal(asset, "unrealizedProfit");
            return new AssetBalance(WalletKind.Futures, AssetCodes.Common(ExchangeId.Binance, code), code, equity, 0m, equity);
        }));

    private static AssetBalance MarginAsset(JsonElement asset)
    {
        var code = asset.GetProperty("asset").GetString()!;
        var net = asset.TryGetProperty("netAsset", out _)
            ? JsonValues.Decimal(asset, "netAsset")
            : JsonValues.Decimal(asset, "free") + JsonValues.Decimal(asset, "locked") - JsonValues.Decimal(asset, "borrowed") - JsonValues.Decimal(asset, "interest");
        return new AssetBalance(WalletKind.Margin, AssetCodes.Common(ExchangeId.Binance, code), code, JsonValues.Decimal(asset, "free"), JsonValues.Decimal(asset, "locked"), net);
    }

    /// <summary>One row per asset: the rows of one asset (two locked positions, the quote side of two isolated pairs) added.</summary>
    internal static IReadOnlyList<AssetBalance> Merge(IEnumerable<AssetBalance> balances) =>
        [.. balances
            .GroupBy(b => (b.Wallet, b.ExchangeAsset))
            .Select(g => g.Skip(1).Aggregate(g.First(), (sum, b) => sum with { Free = sum.Free + b.Free, Locked = sum.Locked + b.Locked, Total = sum.Total + b.Total }))];

    /// <summary>
    /// <c>GET /sapi/v1/sub-account/list</c>: <c>subAccounts[] {subUserId, email, remark, isFreeze, createTime, …}</c> (Binance
    /// Sub Account, "Query Sub-account List (For Master Account)":
    /// https://developers.binance.com/docs/sub_account/account-management/Query-Sub-account-List). The e-mail is what the
    /// sub-account endpoints are called with.
    /// </summary>
    public static IReadOnlyList<SubAccount> SubAccounts(JsonElement root) =>
        root.TryGetProperty("subAccounts", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(s => new SubAccount(
                s.GetProperty("email").GetString()!,
                JsonValues.String(s, "remark") is { Length: > 0 } remark ? remark : null,
                JsonValues.Bool(s, "isFreeze")))]
            : [];

    /// <summary>
    /// <c>GET /sapi/v3/sub-account/assets?email=</c>: <c>balances[] {asset, free, locked, freeze, withdrawing}</c>, the
    /// sub-account's spot wallet, JSON numbers in the v3 example and strings in v4 (Binance Sub Account, "Query
    /// Sub-account Assets (For Master Account)": https://developers.binance.com/docs/sub_account/asset-management/Query-Sub-account-Assets-V3).
    /// Frozen and withdrawing amounts are still the sub-account's, so they count as locked, as on the funding wallet.
    /// </summary>
    public static IReadOnlyList<AssetBalance> SubAccountAssets(JsonElement root) =>
        [.. root.GetProperty("balances").EnumerateArray().Select(b => Balance(
            WalletKind.Spot,
            b,
            JsonValues.Decimal(b, "locked") + JsonValues.Decimal(b, "freeze") + JsonValues.Decimal(b, "withdrawing")))];

    /// <summary>
    /// <c>GET /sapi/v2/sub-account/futures/account?email=&amp;futuresType=1|2</c>: the sub-account's USDⓈ-M futures under
    /// <c>futureAccountResp</c>, its COIN-M futures under <c>deliveryAccountResp</c>, each with <c>assets[] {asset,
    /// walletBalance, unrealizedProfit, marginBalance, …}</c>; counted as the master's own futures, wallet balance plus
    /// unrealised profit and loss (Binance Sub Account, "Get Detail on Sub-account's Futures Account V2 (For Master
    /// Account)": https://developers.binance.com/docs/sub_account/asset-management/Get-Detail-on-Sub-accounts-Futures-Account-V2).
    /// </summary>
    public static IReadOnlyList<AssetBalance> SubAccountFutures(JsonElement root) =>
        root.TryGetProperty("futureAccountResp", out var usds) && usds.ValueKind == JsonValueKind.Object ? FuturesAssets(usds)
        : root.TryGetProperty("deliveryAccountResp", out var coin) && coin.ValueKind == JsonValueKind.Object ? FuturesAssets(coin)
        : throw new FormatException("The answer holds neither futureAccountResp nor deliveryAccountResp.");

    /// <summary>
    /// <c>GET /sapi/v1/sub-account/margin/account?email=</c>: the sub-account's cross margin, <c>marginUserAssetVoList[]
    /// {asset, free, locked, borrowed, interest, netAsset}</c>, each asset at its <c>netAsset</c> as the master's own (Binance
    /// Sub Account, "Get Detail on Sub-account's Margin Account (For Master Account)":
    /// https://developers.binance.com/docs/sub_account/asset-management/Get-Detail-on-Sub-accounts-Margin-Account).
    /// </summary>
    public static IReadOnlyList<AssetBalance> SubAccountMargin(JsonElement root) =>
        root.TryGetProperty("marginUserAssetVoList", out var list) && list.ValueKind == JsonValueKind.Array
            ? Merge(list.EnumerateArray().Select(MarginAsset))
            : [];

    /// <summary>
    /// <c>GET /sapi/v1/sub-account/status?email=</c>: <c>[{email, isMarginEnabled, isFutureEnabled, …}]</c>, whether the
    /// master has opened margin and futures for the sub-account (Binance Sub Account, "Get Sub-account's Status on Margin Or
    /// Futures (For Master Account)": https://developers.binance.com/docs/sub_account/account-management/Get-Sub-accounts-Status-on-Margin-Or-Futures).
    /// </summary>
    public static SubAccountStatus SubAccountStatus(JsonElement root)
    {
        var entry = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : root;
        return entry.ValueKind == JsonValueKind.Object
            ? new SubAccountStatus(JsonValues.Bool(entry, "isMarginEnabled"), JsonValues.Bool(entry, "isFutureEnabled"))
            : throw new FormatException("The answer names no sub-account.");
    }

    private static AssetBalance Balance(WalletKind wallet, JsonElement balance, decimal locked)
    {
        var code = balance.GetProperty("asset").GetString()!;
        var free = JsonValues.Decimal(balance, "free");
        return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Binance, code), code, free, locked, free + locked);
    }

    private static PermissionState State(JsonElement root, string property) =>
        JsonValues.Bool(root, property) ? PermissionState.Granted : PermissionState.Absent;
}

/// <summary>One wallet's balances, and whether the account has opened that wallet at all.</summary>
internal sealed record WalletRead(IReadOnlyList<AssetBalance> Balances, bool Opened);

/// <summary>One page of Simple Earn positions and the number of positions on every page (<c>total</c>).</summary>
internal sealed record EarnPage(IReadOnlyList<AssetBalance> Balances, int Total);

/// <summary>Whether a sub-account's margin and futures accounts are opened, as its master sees it.</summary>
internal sealed record SubAccountStatus(bool MarginEnabled, bool FuturesEnabled);
