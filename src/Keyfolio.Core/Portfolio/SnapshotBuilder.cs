using Keyfolio.Core.Pricing;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>Turns the balances an exchange returned into a snapshot, valued with the USD prices of the moment.</summary>
internal sealed class SnapshotBuilder(PriceService prices)
{
    public async Task<Snapshot> BuildAsync(string connectionId, ExchangeEndpoint endpoint, BalanceSnapshot balances, CancellationToken cancellationToken)
    {
        var held = balances.Balances.Where(b => b.Total != 0m || b.Free != 0m || b.Locked != 0m).ToList();
        var quoted = await prices.GetAsync(endpoint, [.. held.Select(b => b.Asset).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken).ConfigureAwait(false);
        var holdings = held
            .Select(b => new Holding(b.Wallet, b.Asset, b.ExchangeAsset, b.Free, b.Locked, b.Total, quoted.TryGetValue(b.Asset, out var price) ? price.Price : null))
            .ToList();
        var wallets = balances.Wallets.Select(w => new WalletStatus(w.Wallet, w.Failure?.Category)).ToList();
        return new Snapshot(0, connectionId, balances.At, wallets, holdings);
    }
}
