using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kraken;

/// <summary>Reads Kraken's answers, each <c>{"error":[],"result":…}</c>: balances, earn allocations, key facts, pairs and tickers.</summary>
internal static class KrakenResponses
{
    /// <summary>The rights that let a key read (Kraken API, "Get API Key Info": https://docs.kraken.com/api-reference/account-data/get-api-key-info).</summary>
    private static readonly string[] ReadRights = ["query-funds", "query-open-trades", "query-closed-trades", "query-ledger", "export-data"];

    private static readonly string[] OrderRights = ["modify-trades", "close-trades"];

    /// <summary>Every right Kraken documents; anything else is treated as possibly dangerous.</summary>
    private static readonly string[] KnownRights =
    [
        .. ReadRights, .. OrderRights, "add-funds", "withdraw-funds", "earn-funds", "create-ws-token", "add-withdraw-address", "update-withdraw-address",
    ];

    private static JsonElement Result(JsonElement root) =>
        root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object ? result : throw new FormatException("No result.");

    /// <summary>
    /// <c>POST /0/private/BalanceEx</c> (<c>{asset: {balance, hold_trade, credit?, credit_used?}}</c>, amounts as strings or, in the
    /// documentation's example, numbers) or <c>POST /0/private/Balance</c> (<c>{asset: "amount"}</c>). An extended code's suffix
    /// names where the asset sits (Kraken API, "Get Extended Balance", "Symbol Extensions":
    /// https://docs.kraken.com/api-reference/account-data/get-extended-balance; Kraken support article 360039879471):
    /// <c>.F</c> earning automatically in Kraken Rewards and <c>.M</c> opt-in rewards are <see cref="WalletKind.Earn"/>;
    /// <c>.S</c> staked, <c>.B</c> yield-bearing (bonded) products and <c>.P</c> parachain-bonded are
    /// <see cref="WalletKind.Staking"/>; <c>.T</c> tokenized assets and plain codes are spot. Each code is its own balance
    /// (<c>USDT</c> and <c>USDT.F</c> are separate amounts), so summing them counts nothing twice. <c>KFEE</c> is fee
    /// credit, not an asset, and is left out. Credit lines (<c>credit</c>) are borrowed, so they are not holdings.
    /// </summary>
    public static IReadOnlyList<AssetBalance> Balances(JsonElement root)
    {
        var balances = new List<AssetBalance>();
        foreach (var entry in Result(root).EnumerateObject())
        {
            var code = entry.Name;
            var dot = code.IndexOf('.', StringComparison.Ordinal);
            var baseCode = dot < 0 ? code : code[..dot];
            var suffix = dot < 0 ? null : code[(dot + 1)..];
            if (baseCode == "KFEE")
            {
                continue;
            }

            var (total, hold) = entry.Value.ValueKind == JsonValueKind.Object
                ? (JsonValues.Decimal(entry.Value, "balance"), JsonValues.Decimal(entry.Value, "hold_trade"))
                : (JsonValues.Decimal(entry.Value), 0m);
            if (total == 0m)
            {
                continue;
            }

            var locked = Math.Clamp(hold, 0m, Math.Max(total, 0m));
            balances.Add(new AssetBalance(WalletOf(baseCode, suffix), AssetCodes.Common(ExchangeId.Kraken, baseCode), code, total - locked, locked, total));
        }

        return balances;
    }

    /// <summary>The wallet an extended code's suffix names; ETH2 is ether staked before the Shanghai upgrade.</summary>
    public static WalletKind WalletOf(string baseCode, string? suffix) => suffix?.ToUpperInvariant() switch
    {
        "F" or "M" => WalletKind.Earn,
        "S" or "B" or "P" => WalletKind.Staking,
        null when baseCode == "ETH2" => WalletKind.Staking,
        _ => WalletKind.Spot,
    };

    /// <summary>
    /// <c>POST /0/private/Earn/Allocations</c>: <c>items[]{native_asset, amount_allocated{total{native}}}</c>, summed per
    /// common ticker (Kraken API, "List Earn Allocations": https://docs.kraken.com/api-reference/earn/list-earn-allocations).
    /// </summary>
    public static IReadOnlyDictionary<string, (string Code, decimal Amount)> Allocations(JsonElement root)
    {
        var result = Result(root);
        var totals = new Dictionary<string, (string, decimal)>(StringComparer.Ordinal);
        if (!result.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return totals;
        }

        foreach (var item in items.EnumerateArray())
        {
            var code = JsonValues.String(item, "native_asset") ?? throw new FormatException("An allocation has no native_asset.");
            var amount = item.TryGetProperty("amount_allocated", out var allocated) && allocated.TryGetProperty("total", out var total)
                ? JsonValues.Decimal(total, "native")
                : 0m;
            var asset = AssetCodes.Common(ExchangeId.Kraken, code);
            totals[asset] = (code, (totals.TryGetValue(asset, out var sum) ? sum.Item2 : 0m) + amount);
        }

        return totals;
    }

    /// <summary>
    /// The balances as truth, with the earn allocations only where they hold more of an asset than the balance's earn and
    /// staking codes do (a strategy whose funds the balance does not show): the difference is added as earn, so an
    /// allocation the balance already shows is never counted twice.
    /// </summary>
    public static IReadOnlyList<AssetBalance> WithAllocations(IReadOnlyList<AssetBalance> balances, IReadOnlyDictionary<string, (string Code, decimal Amount)> allocations)
    {
        var result = new List<AssetBalance>(balances);
        foreach (var (asset, (code, allocated)) in allocations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var shown = balances.Where(b => b.Asset == asset && b.Wallet is WalletKind.Earn or WalletKind.Staking).Sum(b => b.Total);
            var missing = allocated - shown;
            if (missing > 0m && !result.Any(b => b.Wallet == WalletKind.Earn && b.ExchangeAsset == code))
            {
                result.Add(new AssetBalance(WalletKind.Earn, asset, code, missing, 0m, missing));
            }
        }

        return result;
    }

    /// <summary>
    /// <c>POST /0/private/GetApiKeyInfo</c>, which needs no permission and describes the calling key: <c>permissions</c>
    /// (mapped per docs/exchange-permissions.md), <c>ipAllowlist</c>, <c>validUntil</c> (Unix seconds, <c>"0"</c> for none),
    /// <c>createdTime</c>, <c>lastUsed</c> (null when never used), <c>apiKeyName</c> and the account's <c>iban</c>, kept only as a hash.
    /// </summary>
    public static KeyFacts KeyFacts(JsonElement root, DateTimeOffset now)
    {
        var result = Result(root);
        var rights = result.TryGetProperty("permissions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList()
            : throw new FormatException("No permissions.");
        var ips = result.TryGetProperty("ipAllowlist", out var allow) && allow.ValueKind == JsonValueKind.Array
            ? allow.EnumerateArray().Select(ip => ip.GetString() ?? string.Empty).Where(ip => ip.Length > 0).ToList()
            : [];
        var unknown = rights.Any(r => !KnownRights.Contains(r, StringComparer.Ordinal));
        PermissionState State(params string[] codes) =>
            rights.Any(r => codes.Contains(r, StringComparer.Ordinal)) ? PermissionState.Granted : unknown ? PermissionState.Unknown : PermissionState.Absent;
        var trade = State(OrderRights);
        var withdraw = State("withdraw-funds");
        var validUntil = JsonValues.UnixSeconds(result, "validUntil");
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = rights.Any(r => ReadRights.Contains(r, StringComparer.Ordinal)) ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.SpotTrade] = trade,
                [KeyPermission.Margin] = trade,

                // Spot keys cannot reach Kraken's derivatives API, which has keys of its own.
                [KeyPermission.Futures] = PermissionState.Absent,
                [KeyPermission.Withdraw] = withdraw,

                // Transfers between Kraken accounts and to the futures wallet need the withdrawal right.
                [KeyPermission.InternalTransfer] = withdraw,
            },
            ExchangePermissions = rights,
            IpWhitelist = ips,
            IpRestricted = ips.Count > 0,
            CreatedAt = JsonValues.UnixSeconds(result, "createdTime"),
            LastAccessAt = JsonValues.UnixSeconds(result, "lastUsed"),
            Label = JsonValues.String(result, "apiKeyName"),
            Expiry = validUntil is { } at
                ? new KeyExpiry(at <= now ? KeyExpiryKind.Expired : KeyExpiryKind.Key, at, Texts.Of("TheExpiryDateSetOn"))
                : null,
            Account = new AccountFacts { AccountId = JsonValues.String(result, "iban") is { Length: > 0 } iban ? Hash(iban) : null },
        };
    }

    /// <summary>What a key is known to allow when Kraken does not describe it: it read the balances, and the
    /// withdrawal right is whatever the probe found.</summary>
    public static KeyFacts Probed(PermissionState withdraw) => new()
    {
        Permissions = new Dictionary<KeyPermission, PermissionState>
        {
            [KeyPermission.Read] = PermissionState.Granted,
            [KeyPermission.Withdraw] = withdraw,
            [KeyPermission.Futures] = PermissionState.Absent,
        },
        Inferred = true,
    };

    /// <summary><c>GET /0/public/AssetPairs</c>: canonical pair name (<c>XXBTZUSD</c>) → base and quote as common tickers.</summary>
    public static IReadOnlyDictionary<string, (string Base, string Quote)> Pairs(JsonElement root) =>
        Result(root).EnumerateObject()
            .Where(p => JsonValues.String(p.Value, "base") is not null && JsonValues.String(p.Value, "quote") is not null)
            .ToDictionary(
                p => p.Name,
                p => (AssetCodes.Common(ExchangeId.Kraken, JsonValues.String(p.Value, "base")!), AssetCodes.Common(ExchangeId.Kraken, JsonValues.String(p.Value, "quote")!)),
                StringComparer.Ordinal);

    /// <summary><c>GET /0/public/Ticker</c>: per canonical pair name, <c>c = [last price, lot volume]</c> (Kraken API,
    /// "Get Ticker Information": https://docs.kraken.com/api-reference/market-data/get-ticker-information).</summary>
    public static IEnumerable<Market> Markets(JsonElement root, IReadOnlyDictionary<string, (string Base, string Quote)> pairs)
    {
        foreach (var ticker in Result(root).EnumerateObject())
        {
            if (pairs.TryGetValue(ticker.Name, out var pair)
                && ticker.Value.TryGetProperty("c", out var last) && last.ValueKind == JsonValueKind.Array && last.GetArrayLength() > 0
                && JsonValues.OptionalDecimal(last[0]) is { } price)
            {
                yield return new Market(pair.Base, pair.Quote, price);
            }
        }
    }

    private static string Hash(string iban) =>
        "iiban-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(iban.Replace(" ", string.Empty, StringComparison.Ordinal))).AsSpan(0, 8));
}
