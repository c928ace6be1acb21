using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>Reads Bybit's answers (the <c>result</c> of its common envelope): the unified, contract and funding
/// wallets, Earn positions, the account mode, the key's facts, tickers and the server time.</summary>
internal static class BybitResponses
{
    private static readonly DateTimeOffset NoExpiry = DateTimeOffset.UnixEpoch.AddDays(1);

    /// <summary>The rule behind a key's expiry (https://bybit-exchange.github.io/docs/v5/user/create-subuid-apikey and
    /// https://bybit-exchange.github.io/docs/v5/user/apikey-info).</summary>
    public static readonly LocalizedText ExpiryRule = Texts.Of("BybitInvalidatesAKeyThat2");

    /// <summary>
    /// <c>GET /v5/account/wallet-balance?accountType=UNIFIED</c> (or <c>CONTRACT</c>): <c>result.list[].coin[]</c>.
    /// Each coin counts at its <c>equity</c> — wallet balance net of spot borrowing, plus unrealised profit and loss and
    /// option value (https://bybit-exchange.github.io/docs/v5/account/wallet-balance) — with <c>locked</c> (open spot
    /// orders) locked and the rest free.
    /// </summary>
    public static IReadOnlyList<AssetBalance> WalletBalances(JsonElement root, WalletKind wallet) =>
        [.. Result(root).GetProperty("list").EnumerateArray()
            .SelectMany(account => account.TryGetProperty("coin", out var coins) && coins.ValueKind == JsonValueKind.Array ? coins.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(coin =>
            {
                var code = JsonValues.String(coin, "coin") ?? throw new FormatException("A balance has no coin.");
                var equity = coin.TryGetProperty("equity", out var reported) && JsonValues.OptionalDecimal(reported) is { } value
                    ? value
                    : JsonValues.Decimal(coin, "walletBalance") - JsonValues.Decimal(coin, "spotBorrow") + JsonValues.Decimal(coin, "unrealisedPnl");
                var locked = JsonValues.Decimal(coin, "locked");
                return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Bybit, code), code, equity - locked, locked, equity);
            })];

    /// <summary><c>GET /v5/asset/transfer/query-account-coins-balance?accountType=FUND</c>: <c>result.balance[] {coin,
    /// walletBalance, transferBalance}</c>; what cannot be transferred is locked
    /// (https://bybit-exchange.github.io/docs/v5/asset/balance/all-balance).</summary>
    public static IReadOnlyList<AssetBalance> FundingBalances(JsonElement root) =>
        [.. Result(root).GetProperty("balance").EnumerateArray()
            .Select(coin =>
            {
                var code = JsonValues.String(coin, "coin") ?? throw new FormatException("A balance has no coin.");
                var total = JsonValues.Decimal(coin, "walletBalance");
                var free = coin.TryGetProperty("transferBalance", out var transferable) && JsonValues.OptionalDecimal(transferable) is { } value ? Math.Min(value, total) : total;
                return new AssetBalance(WalletKind.Funding, AssetCodes.Common(ExchangeId.Bybit, code), code, free, total - free, total);
            })
            .Where(b => b.Total != 0)];

    /// <summary><c>GET /v5/earn/position?category=FlexibleSaving|OnChain</c> and <c>GET /v5/earn/fixed-term/position</c>:
    /// <c>result.list[] {coin, amount}</c>, summed per coin; fully redeemed flexible positions (amount 0) are left out
    /// (https://bybit-exchange.github.io/docs/v5/finance/earn/easy-onchain/position,
    /// https://bybit-exchange.github.io/docs/v5/finance/earn/fixed-saving/position).</summary>
    public static IReadOnlyList<AssetBalance> EarnPositions(JsonElement root, WalletKind wallet) =>
        [.. Result(root).GetProperty("list").EnumerateArray()
            .Select(position => (Code: JsonValues.String(position, "coin") ?? throw new FormatException("A position has no coin."), Amount: JsonValues.Decimal(position, "amount")))
            .GroupBy(p => p.Code, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Amount: g.Sum(p => p.Amount)))
            .Where(p => p.Amount != 0)
            .Select(p => new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Bybit, p.Code), p.Code, p.Amount, 0m, p.Amount))];

    /// <summary><c>GET /v5/account/info</c>: <c>result.unifiedMarginStatus</c> — 1 classic, 3 UTA 1.0, 4 UTA 1.0 Pro,
    /// 5 UTA 2.0, 6 UTA 2.0 Pro (https://bybit-exchange.github.io/docs/v5/account/account-info).</summary>
    public static int AccountMode(JsonElement root) =>
        (int)(JsonValues.Long(Result(root), "unifiedMarginStatus") ?? throw new FormatException("No unifiedMarginStatus."));

    /// <summary>
    /// <c>GET /v5/user/query-api</c>: the calling key's <c>readOnly</c>, <c>permissions{group: [scopes]}</c>, <c>ips</c>
    /// (<c>["*"]</c> when unbound), <c>createdAt</c>, <c>expiredAt</c> and <c>deadlineDay</c> (set for unbound keys),
    /// <c>note</c>, <c>userID</c>, <c>isMaster</c>, <c>parentUid</c>, <c>uta</c> and <c>type</c>
    /// (https://bybit-exchange.github.io/docs/v5/user/apikey-info), mapped per docs/exchange-permissions.md: a read-only
    /// key writes nothing, whatever scopes it lists.
    /// </summary>
    public static KeyFacts KeyFacts(JsonElement root, DateTimeOffset now)
    {
        var key = Result(root);
        var readOnly = JsonValues.Long(key, "readOnly") != 0;
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        var granted = new List<string>();
        if (key.TryGetProperty("permissions", out var permissions) && permissions.ValueKind == JsonValueKind.Object)
        {
            foreach (var group in permissions.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var scope in group.Value.EnumerateArray().Select(s => s.GetString()).OfType<string>())
                {
                    scopes.Add(group.Name + "." + scope);
                    granted.Add(group.Name + ":" + scope);
                }
            }
        }

        PermissionState Write(params string[] names) =>
            !readOnly && names.Any(scopes.Contains) ? PermissionState.Granted : PermissionState.Absent;
        var ips = key.TryGetProperty("ips", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(ip => ip.GetString()).OfType<string>().Where(ip => ip.Length > 0 && ip != "*").ToList()
            : [];
        var spot = Write("Spot.SpotTrade");
        var parent = JsonValues.String(key, "parentUid");
        var isMaster = key.TryGetProperty("isMaster", out var master) && master.ValueKind is JsonValueKind.True or JsonValueKind.False ? master.GetBoolean() : (bool?)null;
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = PermissionState.Granted,
                [KeyPermission.SpotTrade] = spot,
                [KeyPermission.Margin] = spot,
                [KeyPermission.Futures] = Write("ContractTrade.Order", "ContractTrade.Position", "Derivatives.DerivativesTrade", "Options.OptionsTrade"),
                [KeyPermission.Withdraw] = Write("Wallet.Withdraw"),
                [KeyPermission.InternalTransfer] = Write("Wallet.AccountTransfer", "Wallet.SubMemberTransfer", "Wallet.SubMemberTransferList"),
            },
            ExchangePermissions = [readOnly ? "Read-Only" : "Read-Write", .. granted],
            IpWhitelist = ips,
            IpRestricted = ips.Count > 0,
            CreatedAt = Instant(key, "createdAt"),
            Label = JsonValues.String(key, "note") is { Length: > 0 } note ? note : null,
            Expiry = Expiry(key, ips.Count > 0, now),
            Account = new AccountFacts
            {
                AccountId = JsonValues.String(key, "userID"),
                MainAccountId = parent is { Length: > 0 } and not "0" ? parent : null,
                IsSubAccount = isMaster is { } isMain ? !isMain : null,
                AccountMode = JsonValues.Long(key, "uta") switch
                {
                    1 => "unified trading account",
                    0 => "classic account",
                    _ => null,
                },
            },
        };
    }

    /// <summary><c>GET /v5/market/tickers?category=spot</c>: <c>result.list[] {symbol: "BTCUSDT", lastPrice, usdIndexPrice}</c>;
    /// <c>usdIndexPrice</c>, the USD index Bybit values unified accounts with, counts as a USD market where it is set
    /// (https://bybit-exchange.github.io/docs/v5/market/tickers).</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in Result(root).GetProperty("list").EnumerateArray())
        {
            if (JsonValues.String(ticker, "symbol") is not { } symbol
                || !ticker.TryGetProperty("lastPrice", out var last)
                || UsdPrices.FromJoinedSymbol(symbol, JsonValues.Decimal(last), code => AssetCodes.Common(ExchangeId.Bybit, code)) is not { } market)
            {
                continue;
            }

            yield return market;
            if (ticker.TryGetProperty("usdIndexPrice", out var index) && JsonValues.OptionalDecimal(index) is { } usd && usd > 0)
            {
                yield return market with { Quote = "USD", Price = usd };
            }
        }
    }

    /// <summary><c>GET /v5/market/time</c>: <c>result.timeNano</c> (nanoseconds), else the envelope's <c>time</c>.</summary>
    public static DateTimeOffset? ServerTime(string body)
    {
        using var document = JsonValues.TryParse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        if (root.TryGetProperty("result", out var result) && JsonValues.String(result, "timeNano") is { } nano
            && long.TryParse(nano, NumberStyles.Integer, CultureInfo.InvariantCulture, out var nanoseconds) && nanoseconds > 0)
        {
            return DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
        }

        return JsonValues.UnixMilliseconds(root, "time");
    }

    private static KeyExpiry? Expiry(JsonElement key, bool ipBound, DateTimeOffset now)
    {
        var at = Instant(key, "expiredAt") is { } expiredAt && expiredAt > NoExpiry ? expiredAt : (DateTimeOffset?)null;
        if (at is null && !ipBound && JsonValues.Long(key, "deadlineDay") is { } days and >= 0)
        {
            at = now.AddDays(days);
        }

        return at switch
        {
            null => null,
            { } when at <= now => new KeyExpiry(KeyExpiryKind.Expired, at, ExpiryRule),
            _ => new KeyExpiry(KeyExpiryKind.Key, at, ExpiryRule),
        };
    }

    private static DateTimeOffset? Instant(JsonElement parent, string property) =>
        JsonValues.String(parent, property) is { Length: > 0 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;

    private static JsonElement Result(JsonElement root) =>
        root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object ? result : throw new FormatException("No result.");
}
