using System.Diagnostics.CodeAnalysis;

namespace Keyfolio.Exchanges;

/// <summary>Names of exchanges as users, configuration files and URLs spell them.</summary>
public static class ExchangeIds
{
    private static readonly Dictionary<string, ExchangeId> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binance"] = ExchangeId.Binance,
        ["okx"] = ExchangeId.Okx,
        ["okex"] = ExchangeId.Okx,
        ["htx"] = ExchangeId.Htx,
        ["huobi"] = ExchangeId.Htx,
        ["bitfinex"] = ExchangeId.Bitfinex,
        ["hitbtc"] = ExchangeId.HitBtc,
        ["gate"] = ExchangeId.Gate,
        ["gateio"] = ExchangeId.Gate,
        ["gate.io"] = ExchangeId.Gate,
        ["bittrex"] = ExchangeId.Bittrex,
    };

    /// <summary>Every exchange, in the order Keyfolio lists them.</summary>
    public static IReadOnlyList<ExchangeId> All { get; } = Enum.GetValues<ExchangeId>();

    /// <summary>The canonical lower-case name (<c>binance</c>, <c>okx</c>, <c>htx</c>, …).</summary>
    public static string ToName(this ExchangeId id) => id switch
    {
        ExchangeId.Binance => "binance",
        ExchangeId.Okx => "okx",
        ExchangeId.Htx => "htx",
        ExchangeId.Bitfinex => "bitfinex",
        ExchangeId.HitBtc => "hitbtc",
        ExchangeId.Gate => "gate",
        ExchangeId.Bittrex => "bittrex",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown exchange."),
    };

    /// <summary>Parses a canonical name or a former name (<c>huobi</c>, <c>okex</c>, <c>gateio</c>).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ExchangeId? id)
    {
        if (name is not null && ByName.TryGetValue(name.Trim(), out var found))
        {
            id = found;
            return true;
        }

        id = null;
        return false;
    }
}
