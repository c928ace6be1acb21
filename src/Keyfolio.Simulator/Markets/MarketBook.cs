using System.Globalization;

namespace Keyfolio.Simulator.Markets;

/// <summary>A spot pair the simulator quotes, priced from the configured USD prices.</summary>
internal sealed record Pair(string Base, string Quote, decimal Price);

/// <summary>
/// Turns the configured USD prices into the pairs each exchange lists: every priced asset against USDT
/// (and against USD where the exchange quotes in dollars), so clients find the USD value of every asset.
/// </summary>
internal sealed class MarketBook
{
    public MarketBook(IDictionary<string, decimal> prices, IEnumerable<string> heldAssets)
    {
        var usdt = prices.TryGetValue("USDT", out var peg) ? peg : 1m;
        var priced = prices.Where(p => p.Key is not ("USD" or "USDT")).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        UsdtPairs = [.. priced.Select(p => new Pair(p.Key, "USDT", Round(p.Value / usdt)))];
        UsdPairs = [.. priced.Select(p => new Pair(p.Key, "USD", Round(p.Value))), new Pair("USDT", "USD", Round(usdt))];
        Assets = [.. heldAssets.Concat(prices.Keys).Append("USDT").Where(a => a != "USD").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every priced asset against USDT (Binance, OKX, HTX, HitBTC, Gate, Bittrex).</summary>
    public IReadOnlyList<Pair> UsdtPairs { get; }

    /// <summary>Every priced asset, USDT included, against USD (Bitfinex).</summary>
    public IReadOnlyList<Pair> UsdPairs { get; }

    /// <summary>Every asset held or priced, for the currency lists clients load.</summary>
    public IReadOnlyList<string> Assets { get; }

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fixed decimals, as Binance writes amounts (<c>"0.50000000"</c>).</summary>
    public static string Fixed(decimal value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal Round(decimal value) =>
        decimal.Parse(value.ToString("0.########", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
