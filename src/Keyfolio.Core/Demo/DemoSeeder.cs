using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;

namespace Keyfolio.Core.Demo;

/// <summary>
/// Fills a throwaway vault with sample connections for the demo: creates the vault with the demo password, then
/// adds each connection through the same path as a person would, except that a refused key is kept with its
/// refusal as its status (so the demo shows every status) and a key that can withdraw is kept through the explicit
/// override (so it carries its critical finding); then gives them a few weeks of readings (<see cref="DemoHistory"/>).
/// </summary>
public sealed class DemoSeeder
{
    private readonly VaultAccess _vault;
    private readonly AddConnectionCommand _add;
    private readonly DemoHistory _history;

    internal DemoSeeder(VaultAccess vault, AddConnectionCommand add, DemoHistory history)
    {
        _vault = vault;
        _add = add;
        _history = history;
    }

    public async Task<CoreResult<IReadOnlyList<ConnectionView>>> SeedAsync(string demoPassword, IReadOnlyList<DemoConnection> connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        if (!await _vault.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var created = await _vault.CreateAsync(demoPassword, withRecoveryKey: false, cancellationToken).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                return created.Error;
            }
        }
        else
        {
            var unlocked = await _vault.UnlockAsync(demoPassword, cancellationToken).ConfigureAwait(false);
            if (!unlocked.IsSuccess)
            {
                return unlocked.Error;
            }
        }

        var views = new List<ConnectionView>();
        foreach (var demo in connections)
        {
            var added = await _add.AddAsync(
                new AddConnectionRequest(demo.Endpoint.Exchange, demo.Label, demo.Credentials)
                {
                    Region = demo.Endpoint.Region,
                    Environment = demo.Endpoint.Environment,
                    CustomBaseUrl = demo.Endpoint.CustomBaseUrl,
                    AllowWithdrawal = true,
                    WithdrawalConfirmation = demo.Label,
                    KeepWhenRefused = true,
                },
                cancellationToken).ConfigureAwait(false);
            if (!added.IsSuccess)
            {
                return added.Error;
            }

            views.Add(added.Value);
        }

        await _history.WriteAsync(cancellationToken).ConfigureAwait(false);
        return views;
    }
}
