using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.HitBtc;

/// <summary>Reads HitBTC's answers: trading and wallet balances, tickers.</summary>
internal static class HitBtcResponses
{
    /// <summary><c>GET /api/3/spot/balance</c> and <c>GET /api/3/wallet/balance</c>: <c>[{currency, available, reserved}]</c>.</summary>
    public static IReadOnlyList<AssetBalance> Balances(JsonElement root, WalletKind wallet) =>
        [.. root.EnumerateArray().Select(b =>
        {
            var code = JsonValues.String(b, "currency") ?? throw new FormatException("A balance has no currency.");
            var free = JsonValues.Decimal(b, "available");
            var locked = JsonValues.Decimal(b, "reserved");
            return new AssetBalance(wallet, AssetCodes.Common(ExchangeId.HitBtc, code), code, free, locked, free + locked);
        })];

    /// <summary><c>GET /api/3/public/ticker</c>: <c>{"BTCUSDT": {"last": "…", …}, …}</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.EnumerateObject())
        {
            if (ticker.Value.ValueKind == JsonValueKind.Object
                && ticker.Value.TryGetProperty("last", out var last)
                && JsonValues.OptionalDecimal(last) is { } price
                && UsdPrices.FromJoinedSymbol(ticker.Name, price, code => AssetCodes.Common(ExchangeId.HitBtc, code)) is { } market)
            {
                yield return market;
            }
        }
    }
}
