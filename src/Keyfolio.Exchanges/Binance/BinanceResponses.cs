using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

/// <summary>Reads Binance's answers: spot account, funding wallet, API restrictions and price tickers.</summary>
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
                ? new KeyExpiry(KeyExpiryKind.TradingRight, at, new LocalizedText(
                    "On a key without trusted IPs, Binance keeps Spot & Margin Trading enabled for 30 days, then unchecks it; the key itself stays.",
                    "对于未限制可信 IP 的密钥，币安只保留现货和杠杆交易权限 30 天，之后自动取消勾选；密钥本身仍然有效。"))
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

    private static AssetBalance Balance(WalletKind wallet, JsonElement balance, decimal locked)
    {
        var code = balance.GetProperty("asset").GetString()!;
        var free = JsonValues.Decimal(balance, "free");
        return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Binance, code), code, free, locked, free + locked);
    }

    private static PermissionState State(JsonElement root, string property) =>
        JsonValues.Bool(root, property) ? PermissionState.Granted : PermissionState.Absent;
}
