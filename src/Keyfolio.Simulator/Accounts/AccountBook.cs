using System.Collections.Concurrent;

namespace Keyfolio.Simulator.Accounts;

/// <summary>Every key the simulator knows, by exchange and API key; OKX Fast API adds keys while it runs.</summary>
internal sealed class AccountBook
{
    private readonly ConcurrentDictionary<(string Exchange, string ApiKey), SimAccount> _accounts = new();

    public AccountBook(IEnumerable<SimulatorAccount> accounts)
    {
        foreach (var account in accounts)
        {
            Add(account);
        }
    }

    public SimAccount? Find(string exchange, string? apiKey) =>
        apiKey is not null && _accounts.TryGetValue((exchange, apiKey), out var account) ? account : null;

    public SimAccount Add(SimulatorAccount config)
    {
        var account = new SimAccount(config);
        if (!_accounts.TryAdd((config.Exchange, config.ApiKey), account))
        {
            throw new InvalidOperationException($"The {config.Exchange} key of '{config.Label}' is already in use.");
        }

        return account;
    }

    public IEnumerable<SimAccount> OfUid(string exchange, string uid) =>
        _accounts.Values.Where(a => a.Exchange == exchange && a.Uid == uid).OrderBy(a => a.ApiKey, StringComparer.Ordinal);

    public SimAccount Require(string exchange, string apiKey) =>
        Find(exchange, apiKey) ?? throw new KeyNotFoundException($"The simulator has no {exchange} key with that API key.");
}
