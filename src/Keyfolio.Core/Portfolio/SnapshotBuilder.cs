using Keyfolio.Core.Pricing;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>
/// Turns the balances an exchange returned into a snapshot, valued with the USD prices of the moment. A wallet that
/// was read before and fails now keeps its last good holdings, marked stale with the time they were read, so one
/// failing wallet neither empties the others nor drops out of the total unseen.
/// </summary>
internal sealed class SnapshotBuilder(PriceService prices)
{
    public async Task<Snapshot> BuildAsync(string connectionId, ExchangeEndpoint endpoint, BalanceSnapshot balances, Snapshot? previous, CancellationToken cancellationToken)
    {
        var held = balances.Balances.Where(b => b.Total != 0m || b.Free != 0m || b.Locked != 0m).ToList();
        var wallets = balances.Wallets.Select(WalletStatus.From).ToList();
        var kept = new List<Holding>();
        if (previous is not null)
        {
            var readNow = wallets.Where(w => !w.IsMissing).Select(w => w.Wallet).ToHashSet();
            var keptKinds = new HashSet<WalletKind>();
            for (var i = 0; i < wallets.Count; i++)
            {
                var wallet = wallets[i];
                if (!wallet.IsMissing || readNow.Contains(wallet.Wallet)
                    || previous.Wallets.FirstOrDefault(w => w.Wallet == wallet.Wallet && (!w.IsMissing || w.IsStale)) is not { } before)
                {
                    continue;
                }

                wallets[i] = wallet with { ValuesFrom = before.ValuesFrom ?? previous.TakenAt };

                // An exchange may read one kind from several accounts (Binance: flexible and locked Earn); their last
                // holdings are kept once.
                if (keptKinds.Add(wallet.Wallet))
                {
                    kept.AddRange(previous.Holdings.Where(h => h.Wallet == wallet.Wallet));
                }
            }
        }

        var assets = held.Select(b => b.Asset).Concat(kept.Select(h => h.Asset)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var quoted = await prices.GetAsync(endpoint, [.. assets], cancellationToken).ConfigureAwait(false);
        decimal? Price(string asset) => quoted.TryGetValue(asset, out var price) ? price.Price : null;
        var holdings = held
            .Select(b => new Holding(b.Wallet, b.Asset, b.ExchangeAsset, b.Free, b.Locked, b.Total, Price(b.Asset)))
            .Concat(kept.Select(h => h with { UsdPrice = Price(h.Asset) ?? h.UsdPrice }))
            .ToList();
        return new Snapshot(0, connectionId, balances.At, wallets, holdings);
    }
}
