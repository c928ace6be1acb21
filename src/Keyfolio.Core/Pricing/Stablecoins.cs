namespace Keyfolio.Core.Pricing;

/// <summary>Dollar stablecoins, valued at their peg only when no exchange quotes them.</summary>
public static class Stablecoins
{
    private static readonly HashSet<string> Pegged = new(StringComparer.OrdinalIgnoreCase) { "USD", "USDT", "USDC", "BUSD", "DAI", "TUSD", "FDUSD", "USDP", "PYUSD" };

    public static bool IsPegged(string asset) => Pegged.Contains(asset);
}
