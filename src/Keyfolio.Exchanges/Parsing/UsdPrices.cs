namespace Keyfolio.Exchanges.Parsing;

/// <summary>Picks each asset's USD price from an exchange's markets, preferring a USD market, then USDT, then USDC.</summary>
internal static class UsdPrices
{
    private static readonly string[] Quotes = ["USD", "USDT", "USDC"];

    public static IReadOnlyDictionary<string, decimal> Select(IEnumerable<Market> markets, IReadOnlyCollection<string> assets)
    {
        var wanted = new HashSet<string>(assets.Select(a => a.Trim().ToUpperInvariant()), StringComparer.Ordinal);
        var best = new Dictionary<string, (int Rank, decimal Price)>(StringComparer.Ordinal);
        foreach (var market in markets)
        {
            var rank = Array.IndexOf(Quotes, market.Quote);
            if (rank < 0 || market.Price <= 0 || !wanted.Contains(market.Base) || market.Base == market.Quote)
            {
                continue;
            }

            if (!best.TryGetValue(market.Base, out var current) || rank < current.Rank)
            {
                best[market.Base] = (rank, market.Price);
            }
        }

        var prices = best.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.Ordinal);
        if (wanted.Contains("USD"))
        {
            prices["USD"] = 1m;
        }

        return prices;
    }

    /// <summary>Splits a symbol written without separator (<c>BTCUSDT</c>) at its quote asset.</summary>
    public static Market? FromJoinedSymbol(string symbol, decimal price, Func<string, string> normalise)
    {
        var upper = symbol.ToUpperInvariant();
        foreach (var quote in new[] { "USDT", "USDC", "USD" })
        {
            if (upper.Length > quote.Length && upper.EndsWith(quote, StringComparison.Ordinal))
            {
                return new Market(normalise(upper[..^quote.Length]), normalise(quote), price);
            }
        }

        return null;
    }
}

/// <summary>One market: base and quote as common tickers, and its last price.</summary>
internal readonly record struct Market(string Base, string Quote, decimal Price);
