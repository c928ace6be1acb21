using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

/// <summary>Reads Gate's answers: spot accounts, account detail, main-account keys, tickers.</summary>
internal static class GateResponses
{
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
                    ? new KeyExpiry(KeyExpiryKind.Expired, null, new LocalizedText("Gate reports this key as locked or frozen.", "Gate 报告该密钥已被锁定或冻结。"))
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
