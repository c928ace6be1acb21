using System.Collections.Immutable;

namespace Keyfolio.Simulator.Faults;

/// <summary>
/// The faults in force, per exchange. A fault scoped to paths wins over one that is not, and a fault scoped to API
/// keys over an exchange-wide one for those keys; setting a fault replaces the one with the same exchange and scope.
/// </summary>
internal sealed class FaultBook
{
    private ImmutableDictionary<string, ImmutableList<SimulatorFault>> _faults =
        ImmutableDictionary.Create<string, ImmutableList<SimulatorFault>>(StringComparer.Ordinal);

    public FaultBook(IEnumerable<SimulatorFault> faults)
    {
        foreach (var fault in faults)
        {
            Set(fault);
        }
    }

    public void Set(SimulatorFault fault) =>
        ImmutableInterlocked.AddOrUpdate(
            ref _faults,
            fault.Exchange,
            _ => [fault],
            (_, list) => list.RemoveAll(f => SameScope(f, fault)).Add(fault));

    public void Clear(string exchange) => ImmutableInterlocked.TryRemove(ref _faults, exchange, out _);

    public void ClearAll() => _faults = _faults.Clear();

    public SimulatorFault? Match(string exchange, string? apiKey, string? path = null)
    {
        if (!_faults.TryGetValue(exchange, out var list))
        {
            return null;
        }

        SimulatorFault? wide = null;
        SimulatorFault? keyed = null;
        foreach (var fault in list)
        {
            var keys = fault.ApiKeys is not { Count: > 0 } ? (bool?)null : apiKey is not null && fault.ApiKeys.Contains(apiKey, StringComparer.Ordinal);
            if (keys == false)
            {
                continue;
            }

            if (fault.Paths is { Count: > 0 })
            {
                if (path is not null && fault.Paths.Contains(path, StringComparer.Ordinal))
                {
                    return fault;
                }
            }
            else if (keys == true)
            {
                keyed = fault;
            }
            else
            {
                wide = fault;
            }
        }

        return keyed ?? wide;
    }

    private static bool SameScope(SimulatorFault a, SimulatorFault b) =>
        (a.ApiKeys ?? []).Order(StringComparer.Ordinal).SequenceEqual((b.ApiKeys ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && (a.Paths ?? []).Order(StringComparer.Ordinal).SequenceEqual((b.Paths ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
