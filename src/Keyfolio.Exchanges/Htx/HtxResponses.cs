using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Htx;

/// <summary>Reads HTX's answers: accounts, balances, the user id, key information and tickers.</summary>
internal static class HtxResponses
{
    /// <summary>The wallets Keyfolio reads, by HTX account type.</summary>
    private static readonly Dictionary<string, WalletKind> Wallets = new(StringComparer.Ordinal)
    {
        ["spot"] = WalletKind.Spot,
        ["margin"] = WalletKind.Margin,
        ["super-margin"] = WalletKind.Margin,
        ["otc"] = WalletKind.Funding,
    };

    /// <summary><c>GET /v1/account/accounts</c>: <c>data[] {id, type, state}</c>, the ones Keyfolio reads, spot first.</summary>
    public static IReadOnlyList<(long Id, WalletKind Wallet)> Accounts(JsonElement root) =>
        [.. root.GetProperty("data").EnumerateArray()
            .Where(a => Wallets.ContainsKey(JsonValues.String(a, "type") ?? string.Empty))
            .Select(a => (JsonValues.Long(a, "id") ?? throw new FormatException("An account has no id."), Wallets[JsonValues.String(a, "type")!]))
            .OrderBy(a => a.Item2 != WalletKind.Spot)];

    /// <summary><c>GET /v1/account/accounts/{id}/balance</c>: <c>data.list[] {currency, type: trade|frozen, balance}</c>.</summary>
    public static IReadOnlyList<AssetBalance> Balances(JsonElement root, WalletKind wallet) =>
        [.. root.GetProperty("data").GetProperty("list").EnumerateArray()
            .GroupBy(item => JsonValues.String(item, "currency") ?? string.Empty, StringComparer.Ordinal)
            .Select(group =>
            {
                var free = group.Where(i => JsonValues.String(i, "type") == "trade").Sum(i => JsonValues.Decimal(i, "balance"));
                var locked = group.Where(i => JsonValues.String(i, "type") == "frozen").Sum(i => JsonValues.Decimal(i, "balance"));
                return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Htx, group.Key), group.Key, free, locked, free + locked);
            })];

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

    private static readonly LocalizedText Rule = new(
        "HTX expires a key that is not bound to an IP address 90 days after it is created; a key bound to an IP address does not expire.",
        "HTX 的密钥如未绑定 IP 地址，会在创建 90 天后过期；绑定了 IP 地址的密钥不会过期。");

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
