namespace Keyfolio.Exchanges.Parsing;

/// <summary>Turns an exchange's own asset code into the common ticker (upper case; Bitfinex's three-letter aliases;
/// HitBTC's <c>USD</c>, which is Tether).</summary>
internal static class AssetCodes
{
    private static readonly Dictionary<string, string> Bitfinex = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UST"] = "USDT",
        ["UDC"] = "USDC",
        ["DSH"] = "DASH",
        ["IOT"] = "IOTA",
        ["QTM"] = "QTUM",
        ["DAT"] = "DATA",
        ["QSH"] = "QASH",
        ["YYW"] = "YOYOW",
        ["MNA"] = "MANA",
        ["STJ"] = "STORJ",
        ["ALG"] = "ALGO",
        ["EUT"] = "EURT",
        ["XAUT"] = "XAUT",
        ["MIT"] = "MITH",
        ["SNG"] = "SNGLS",
        ["ABS"] = "ABYSS",
        ["AIO"] = "AION",
        ["ATO"] = "ATOM",
        ["WBT"] = "WBTC",
    };

    public static string Common(ExchangeId exchange, string code)
    {
        var upper = code.Trim().ToUpperInvariant();
        return exchange switch
        {
            ExchangeId.Bitfinex when Bitfinex.TryGetValue(upper, out var common) => common,
            ExchangeId.HitBtc when upper == "USD" => "USDT",
            _ => upper,
        };
    }
}
