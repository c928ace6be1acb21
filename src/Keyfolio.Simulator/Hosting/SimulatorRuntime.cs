using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Faults;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Hosting;

/// <summary>The state every exchange site shares: accounts, faults, limits, prices, clocks and counters.</summary>
internal sealed class SimulatorRuntime
{
    private readonly Dictionary<string, ExchangeState> _exchanges;

    public SimulatorRuntime(SimulatorConfig config, TimeProvider time)
    {
        Config = config;
        Time = time;
        Accounts = new AccountBook(config.Accounts);
        Faults = new FaultBook(config.Faults);
        Limiter = new RateLimiter(config.RateLimits, time);
        var held = config.Accounts.SelectMany(a => a.Balances).Concat(config.OkxOAuth?.User.Balances ?? []).Select(b => b.Asset);
        Markets = new MarketBook(config.Prices, held);
        _exchanges = SimulatorExchanges.All.ToDictionary(
            name => name,
            name => new ExchangeState(time, config.Exchanges.TryGetValue(name, out var settings) ? settings : new SimulatorExchangeSettings()),
            StringComparer.Ordinal);
    }

    public SimulatorConfig Config { get; }

    public TimeProvider Time { get; }

    public AccountBook Accounts { get; }

    public FaultBook Faults { get; }

    public RateLimiter Limiter { get; }

    public MarketBook Markets { get; }

    public ExchangeState Exchange(string exchange) =>
        _exchanges.TryGetValue(exchange, out var state)
            ? state
            : throw new ArgumentException($"'{exchange}' is not an exchange; use one of {string.Join(", ", SimulatorExchanges.All)}.", nameof(exchange));
}
