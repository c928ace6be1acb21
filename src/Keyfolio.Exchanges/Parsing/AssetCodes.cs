namespace Keyfolio.Exchanges.Parsing;

/// <summary>Turns an exchange's own asset code into the common ticker: upper case, then the exchange's aliases
/// (<see cref="ExchangeDescriptor.AssetAliases"/>).</summary>
internal static class AssetCodes
{
    public static string Common(ExchangeId exchange, string code)
    {
        var upper = code.Trim().ToUpperInvariant();
        return ExchangeCatalog.Get(exchange).AssetAliases.TryGetValue(upper, out var common) ? common : upper;
    }
}
