using System.Diagnostics.CodeAnalysis;

namespace Keyfolio.Exchanges;

/// <summary>Names of exchanges as users, configuration files and URLs spell them, as each descriptor declares them.</summary>
public static class ExchangeIds
{
    private static readonly Dictionary<string, ExchangeId> ByName = ExchangeCatalog.All
        .SelectMany(d => d.FormerNames.Prepend(d.Name).Select(name => (name, d.Id)))
        .ToDictionary(p => p.name, p => p.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every exchange, in the order Keyfolio lists them.</summary>
    public static IReadOnlyList<ExchangeId> All { get; } = [.. ExchangeCatalog.All.Select(d => d.Id)];

    /// <summary>The canonical lower-case name (<c>binance</c>, <c>okx</c>, <c>htx</c>, …).</summary>
    public static string ToName(this ExchangeId id) => ExchangeCatalog.Get(id).Name;

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
