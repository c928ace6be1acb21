using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bitfinex;

/// <summary>Reads Bitfinex's array-shaped answers: wallets, key permissions, tickers.</summary>
internal static class BitfinexResponses
{
    private static readonly string[] ReadScopes = ["account", "history", "orders", "positions", "funding", "settings", "wallets"];

    /// <summary><c>POST /v2/auth/r/wallets</c>: <c>[[TYPE, CURRENCY, BALANCE, UNSETTLED_INTEREST, AVAILABLE_BALANCE, …], …]</c>.</summary>
    public static IReadOnlyList<AssetBalance> Wallets(JsonElement root) =>
        [.. root.EnumerateArray().Where(w => w.GetArrayLength() >= 3).Select(w =>
        {
            var wallet = w[0].GetString() switch
            {
                "exchange" => WalletKind.Spot,
                "margin" => WalletKind.Margin,
                "funding" => WalletKind.Funding,
                var other => throw new FormatException($"Unknown wallet type {other}."),
            };
            var code = w[1].GetString()!;
            var total = JsonValues.Decimal(w[2]);
            var free = w.GetArrayLength() > 4 && JsonValues.OptionalDecimal(w[4]) is { } available ? available : total;
            return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Bitfinex, code), code, free, total - free, total);
        })];

    /// <summary>
    /// <c>POST /v2/auth/r/positions</c>: the active positions, <c>[[SYMBOL, STATUS, AMOUNT, BASE_PRICE, FUNDING,
    /// FUNDING_TYPE, PL, PL_PERC, PRICE_LIQ, LEVERAGE, _, POSITION_ID, MTS_CREATE, MTS_UPDATE, _, TYPE, _, COLLATERAL,
    /// COLLATERAL_MIN, META], …]</c>, TYPE 0 a margin and 1 a derivatives position ("Retrieve Positions":
    /// https://docs.bitfinex.com/reference/rest-auth-positions). Each ACTIVE position's PL, which "includes 0.2% fee to
    /// close position", per currency: the pair's quote currency (<c>tBTCUSD</c> → USD, <c>tBTCF0:USTF0</c> → USTF0). The page
    /// names no unit; Keyfolio counts PL in the quote currency, as the price it derives from is quoted in it.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> PositionsPl(JsonElement root)
    {
        var pl = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var position in root.EnumerateArray())
        {
            if (position.GetArrayLength() < 7 || position[1].GetString() != "ACTIVE" || position[0].GetString() is not ['t', .. var pair])
            {
                continue;
            }

            var quote = pair.Contains(':', StringComparison.Ordinal) ? pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..]
                : pair.Length == 6 ? pair[3..]
                : throw new FormatException($"A position's pair {pair} has no quote currency.");
            pl[quote] = pl.GetValueOrDefault(quote) + (JsonValues.OptionalDecimal(position[6]) ?? 0m);
        }

        return pl;
    }

    /// <summary>The margin wallet at its equity: each currency's balance plus the profit and loss of the positions stated in it.</summary>
    public static IReadOnlyList<AssetBalance> WithPositions(IReadOnlyList<AssetBalance> wallets, IReadOnlyDictionary<string, decimal> pl)
    {
        var balances = wallets
            .Select(b => b.Wallet == WalletKind.Margin && pl.TryGetValue(b.ExchangeAsset, out var profit) ? b with { Total = b.Total + profit } : b)
            .ToList();
        balances.AddRange(pl
            .Where(p => p.Value != 0m && !wallets.Any(b => b.Wallet == WalletKind.Margin && b.ExchangeAsset == p.Key))
            .Select(p => new AssetBalance(WalletKind.Margin, AssetCodes.Common(ExchangeId.Bitfinex, p.Key), p.Key, 0m, 0m, p.Value)));
        return balances;
    }

    /// <summary><c>POST /v2/auth/r/permissions</c>: <c>[[SCOPE, READ, WRITE], …]</c>, mapped per docs/exchange-permissions.md.</summary>
    public static KeyFacts KeyFacts(JsonElement root)
    {
        var scopes = root.EnumerateArray()
            .Where(s => s.GetArrayLength() >= 3)
            .ToDictionary(s => s[0].GetString()!, s => (Read: JsonValues.Long(s[1]) == 1, Write: JsonValues.Long(s[2]) == 1), StringComparer.Ordinal);
        bool Write(string scope) => scopes.TryGetValue(scope, out var rights) && rights.Write;
        var positions = Write("positions") ? PermissionState.Granted : PermissionState.Absent;
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = ReadScopes.Any(s => scopes.TryGetValue(s, out var rights) && rights.Read) ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.SpotTrade] = Write("orders") ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.Margin] = positions,
                [KeyPermission.Futures] = positions,
                [KeyPermission.Withdraw] = Write("withdraw") ? PermissionState.Granted : PermissionState.Absent,
                [KeyPermission.InternalTransfer] = Write("wallets") ? PermissionState.Granted : PermissionState.Absent,
            },
            ExchangePermissions =
            [
                .. scopes.SelectMany(s => (s.Value.Read ? [s.Key + ":read"] : Array.Empty<string>()).Concat(s.Value.Write ? [s.Key + ":write"] : [])),
            ],
        };
    }

    /// <summary><c>GET /v2/tickers?symbols=ALL</c>: trading pairs <c>[tSYMBOL, BID, BID_SIZE, ASK, ASK_SIZE, CHANGE, CHANGE_PERC, LAST_PRICE, …]</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.EnumerateArray())
        {
            if (ticker.GetArrayLength() < 8 || ticker[0].GetString() is not { } symbol || !symbol.StartsWith('t'))
            {
                continue;
            }

            var pair = symbol[1..];
            var (baseCode, quoteCode) = pair.Contains(':', StringComparison.Ordinal)
                ? (pair[..pair.IndexOf(':', StringComparison.Ordinal)], pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..])
                : pair.Length == 6 ? (pair[..3], pair[3..]) : (string.Empty, string.Empty);
            if (baseCode.Length > 0 && JsonValues.OptionalDecimal(ticker[7]) is { } last)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Bitfinex, baseCode), AssetCodes.Common(ExchangeId.Bitfinex, quoteCode), last);
            }
        }
    }
}
