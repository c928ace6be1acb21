using Keyfolio.Simulator.Hosting;

namespace Keyfolio.Simulator;

/// <summary>
/// Changes a running simulator: faults, clocks, keys and the restricted-location mode, and reads its
/// counters. The admin HTTP endpoint offers the same powers.
/// </summary>
public sealed class SimulatorControl
{
    private readonly SimulatorRuntime _runtime;

    internal SimulatorControl(SimulatorRuntime runtime) => _runtime = runtime;

    /// <summary>Puts a fault in force, replacing the one with the same exchange and key scope.</summary>
    public void SetFault(SimulatorFault fault)
    {
        SimulatorConfig.ValidateFault(fault, "fault");
        _runtime.Faults.Set(fault);
    }

    /// <summary>Removes every fault of one exchange.</summary>
    public void ClearFaults(string exchange)
    {
        _runtime.Exchange(exchange);
        _runtime.Faults.Clear(exchange);
    }

    public void ClearAllFaults() => _runtime.Faults.ClearAll();

    /// <summary>Sets how far the exchange's clock is from the host's (negative: behind).</summary>
    public void SetClockOffset(string exchange, TimeSpan offset) => _runtime.Exchange(exchange).Clock.Offset = offset;

    public TimeSpan GetClockOffset(string exchange) => _runtime.Exchange(exchange).Clock.Offset;

    /// <summary>The key stops working at once, as when its owner deletes it on the exchange.</summary>
    public void RevokeKey(string exchange, string apiKey) => _runtime.Accounts.Require(exchange, apiKey).Revoke();

    /// <summary>Replaces the key's rights (vocabulary: read, spot, margin, futures, withdraw, transfer).</summary>
    public void SetPermissions(string exchange, string apiKey, IEnumerable<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var list = permissions.ToList();
        var unknown = list.FirstOrDefault(p => !SimulatorExchanges.Permissions.Contains(p));
        if (unknown is not null)
        {
            throw new ArgumentException($"'{unknown}' is not a permission; use {string.Join(", ", SimulatorExchanges.Permissions)}.", nameof(permissions));
        }

        _runtime.Accounts.Require(exchange, apiKey).SetPermissions(list);
    }

    /// <summary>
    /// Replaces the key's balances, as a trade, a deposit or a withdrawal would change them; checked as the
    /// configuration's are. Assets are priced by the markets the simulator started with.
    /// </summary>
    public void SetBalances(string exchange, string apiKey, IEnumerable<SimulatorBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var account = _runtime.Accounts.Require(exchange, apiKey);
        var list = balances.ToList();
        SimulatorConfig.ValidateBalances(account.Exchange, list, "balances");
        account.Config.Balances = list;
    }

    /// <summary>When on, every request to the exchange gets its HTTP 451 restricted-location answer.</summary>
    public void SetRestrictedLocation(string exchange, bool restricted) => _runtime.Exchange(exchange).RestrictedLocation = restricted;

    /// <summary>Requests answered by the exchange (all its regional sites) and how many of them were 429 or 418.</summary>
    public SimulatorCounters GetCounters(string exchange) => _runtime.Exchange(exchange).Counters.Read();

    public void ResetCounters(string exchange) => _runtime.Exchange(exchange).Counters.Reset();
}
