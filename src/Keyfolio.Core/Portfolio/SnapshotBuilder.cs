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
        // One holding per wallet kind and asset: an exchange may report one asset from two accounts of one kind (USDT in
        // Binance's cross and isolated margin), which add up.
        var held = balances.Balances
            .GroupBy(b => (b.SubAccount, b.Wallet, b.ExchangeAsset))
            .Select(g => g.Skip(1).Aggregate(g.First(), (sum, b) => sum with { Free = sum.Free + b.Free, Locked = sum.Locked + b.Locked, Total = sum.Total + b.Total }))
            .Where(b => b.Total != 0m || b.Free != 0m || b.Locked != 0m)
            .ToList();
        var wallets = balances.Wallets.Select(WalletStatus.From).ToList();
        var kept = new List<Holding>();
        if (previous is not null)
        {
            // Wallets are told apart by kind within each account: the key's own and every sub-account's.
            var readNow = wallets.Where(w => !w.IsMissing).Select(w => (w.SubAccount, w.Wallet)).ToHashSet();
            var keptKinds = new HashSet<(string?, WalletKind)>();
            for (var i = 0; i < wallets.Count; i++)
            {
                var wallet = wallets[i];
                if (!wallet.IsMissing || readNow.Contains((wallet.SubAccount, wallet.Wallet))
                    || previous.Wallets.FirstOrDefault(w => w.Wallet == wallet.Wallet && w.SubAccount == wallet.SubAccount && (!w.IsMissing || w.IsStale)) is not { } before)
                {
                    continue;
                }

                wallets[i] = wallet with { ValuesFrom = before.ValuesFrom ?? previous.TakenAt };

                // An exchange may read one kind from several accounts (Binance: flexible and locked Earn); their last
                // holdings are kept once.
                if (keptKinds.Add((wallet.SubAccount, wallet.Wallet)))
                {
                    kept.AddRange(previous.Holdings.Where(h => h.Wallet == wallet.Wallet && h.SubAccount == wallet.SubAccount));
                }
            }
        }

        var assets = held.Select(b => b.Asset).Concat(kept.Select(h => h.Asset)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var quoted = await prices.GetAsync(endpoint, [.. assets], cancellationToken).ConfigureAwait(false);
        decimal? Price(string asset) => quoted.TryGetValue(asset, out var price) ? price.Price : null;
        var holdings = held
            .Select(b => new Holding(b.Wallet, b.Asset, b.ExchangeAsset, b.Free, b.Locked, b.Total, Price(b.Asset)) { SubAccount = b.SubAccount })
            .Concat(kept.Select(h => h with { UsdPrice = Price(h.Asset) ?? h.UsdPrice }))
            .ToList();
        return new Snapshot(0, connectionId, balances.At, wallets, holdings);
    }
}
