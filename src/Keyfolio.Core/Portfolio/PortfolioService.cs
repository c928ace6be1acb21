using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>
/// The portfolio from stored snapshots — no exchange call, so it works while the vault is locked: totals by asset,
/// exchange and connection, value history, and a CSV export of the holdings.
/// </summary>
public sealed class PortfolioService
{
    private readonly ConnectionService _connections;
    private readonly SnapshotRepository _snapshots;
    private readonly Connections.ConnectionRepository _connectionsTable;
    private readonly TimeProvider _time;

    internal PortfolioService(KeyfolioDatabase database, ConnectionService connections, TimeProvider time)
    {
        _connections = connections;
        _snapshots = new SnapshotRepository(database);
        _connectionsTable = new Connections.ConnectionRepository(database);
        _time = time;
    }

    public async Task<PortfolioSummary> GetAsync(CancellationToken cancellationToken)
    {
        var views = await _connections.ListAsync(vaultLockApplies: false, cancellationToken).ConfigureAwait(false);
        return Summarise(views, _time.GetUtcNow());
    }

    internal static PortfolioSummary Summarise(IReadOnlyList<ConnectionView> views, DateTimeOffset now)
    {
        var withHoldings = views.Where(v => v.Latest is not null).ToList();
        var total = withHoldings.Sum(v => v.TotalUsd);
        decimal Share(decimal value) => total == 0m ? 0m : Math.Round(value / total, 6);
        bool Stale(ConnectionView view, Holding holding) => view.IsStale || view.Latest!.IsStale(holding);

        var byAsset = withHoldings
            .SelectMany(v => v.Latest!.Holdings.Select(h => (View: v, Holding: h)))
            .GroupBy(x => x.Holding.Asset, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var amount = g.Sum(x => x.Holding.Total);
                var priced = g.Where(x => x.Holding.UsdPrice is not null).ToList();
                decimal? value = priced.Count == 0 ? null : priced.Sum(x => x.Holding.UsdValue!.Value);
                decimal? price = priced.Count == 0 ? null : priced[0].Holding.UsdPrice;
                return new AssetPosition(g.Key, amount, price, value, Share(value ?? 0m), g.Any(x => Stale(x.View, x.Holding)));
            })
            .OrderByDescending(a => a.UsdValue ?? -1m)
            .ThenBy(a => a.Asset, StringComparer.Ordinal)
            .ToList();
        var byExchange = withHoldings
            .GroupBy(v => v.Connection.Exchange)
            .Select(g => new ExchangePosition(
                g.Key,
                g.Sum(v => v.TotalUsd),
                Share(g.Sum(v => v.TotalUsd)),
                g.Count(),
                g.Any(v => v.IsStale || v.Latest!.Wallets.Any(w => w.IsStale)),
                g.Any(v => v.IsIncomplete)))
            .OrderByDescending(e => e.UsdValue)
            .ToList();
        var exchangeOrder = byExchange.Select((e, i) => (e.Exchange, i)).ToDictionary(x => x.Exchange, x => x.i);
        var byWallet = withHoldings
            .SelectMany(v => v.Latest!.Wallets
                .Where(w => w.Outcome != WalletOutcome.NotOpened)
                .Select(w => w.Wallet)
                .Concat(v.Latest.Holdings.Select(h => h.Wallet))
                .Distinct()
                .Select(kind => (View: v, Kind: kind)))
            .GroupBy(x => (x.View.Connection.Exchange, x.Kind))
            .Select(g =>
            {
                var holdings = g.SelectMany(x => x.View.Latest!.Holdings.Where(h => h.Wallet == g.Key.Kind).Select(h => (x.View, Holding: h))).ToList();
                var value = holdings.Sum(x => x.Holding.UsdValue ?? 0m);
                // A connection counts as missing this kind when any of its accounts of that kind was not read (Binance's
                // USDⓈ-M futures refused while COIN-M futures was read): the row's value is then partial.
                var missing = g.Count(x => x.View.Latest!.Wallets.Any(w => w.Wallet == g.Key.Kind && w.IsMissing));
                var stale = holdings.Any(x => Stale(x.View, x.Holding));
                return new WalletPosition(g.Key.Exchange, g.Key.Kind, value, Share(value), g.Count(), missing, stale);
            })
            .OrderBy(w => exchangeOrder[w.Exchange])
            .ThenBy(w => w.Wallet)
            .ToList();
        var missingWallets = withHoldings
            .SelectMany(v => v.Latest!.Missing.Select(w => new MissingWallet(
                v.Connection.Id,
                v.Connection.Label,
                v.Connection.Exchange,
                w.Wallet,
                w.AccountName,
                w.Outcome,
                w.Right,
                w.Failure,
                WalletTexts.Reason(w, v.Connection.Exchange),
                WalletTexts.Fix(w, v.Connection.Exchange),
                w.IsStale ? v.Latest.Holdings.Where(h => h.Wallet == w.Wallet && h.SubAccount == w.SubAccount).Sum(h => h.UsdValue ?? 0m) : 0m,
                w.ValuesFrom)
            {
                SubAccount = w.SubAccount,
            }))
            .ToList();
        var byConnection = views
            .Select(v => new ConnectionPosition(
                v.Connection.Id,
                v.Connection.Label,
                v.Connection.Exchange,
                v.TotalUsd,
                v.Latest?.TakenAt,
                v.IsStale,
                v.Age,
                v.IsIncomplete,
                v.Latest?.WalletsRead ?? 0,
                v.Latest?.WalletsExpected ?? 0)
            {
                MainUsd = v.Latest?.Part(null).TotalUsd ?? 0m,
                SubAccounts = v.Latest is { } latest ? [.. latest.SubAccounts.Select(sub => SubAccountRow(latest, sub))] : [],
            })
            .OrderByDescending(c => c.UsdValue)
            .ToList();
        var unpriced = byAsset.Where(a => a.UsdValue is null && a.Amount != 0m).Select(a => new UnpricedAsset(a.Asset, a.Amount)).ToList();
        var staleUsd = withHoldings.Sum(v => v.IsStale ? v.TotalUsd : v.Latest!.StaleUsd);
        return new PortfolioSummary(total, staleUsd, byAsset, byExchange, byConnection, unpriced, now)
        {
            ByWallet = byWallet,
            Missing = missingWallets,
            WalletsRead = withHoldings.Sum(v => v.Latest!.WalletsRead),
            WalletsExpected = withHoldings.Sum(v => v.Latest!.WalletsExpected),
        };
    }

    private static SubAccountPosition SubAccountRow(Snapshot latest, string subAccount)
    {
        var part = latest.Part(subAccount);
        return new SubAccountPosition(subAccount, part.TotalUsd, !part.IsComplete, part.WalletsRead, part.WalletsExpected, part.Holdings.Any(part.IsStale));
    }

    /// <summary>
    /// The portfolio's value over time from snapshots since <paramref name="since"/>: a point at each snapshot, each
    /// connection counted at its latest value up to then (a removed one until its removal, with a point there), and the
    /// point incomplete while one of those readings missed a wallet.
    /// </summary>
    public async Task<IReadOnlyList<ValuePoint>> GetHistoryAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var values = await _snapshots.ValuesSinceAsync(since, cancellationToken).ConfigureAwait(false);
        var current = new Dictionary<string, (decimal Value, bool Complete)>(StringComparer.Ordinal);
        var points = new List<ValuePoint>();

        // A connection that holds money before the range counts from its start, not from its first snapshot inside it:
        // otherwise a connection read rarely would look like growth when it is read.
        if (since > DateTimeOffset.MinValue)
        {
            foreach (var (connectionId, _, value, complete) in await _snapshots.ValuesBeforeAsync(since, cancellationToken).ConfigureAwait(false))
            {
                current[connectionId] = (value, complete);
            }

            if (current.Count > 0)
            {
                points.Add(new ValuePoint(since, current.Values.Sum(c => c.Value), current.Values.Any(c => !c.Complete)));
            }
        }

        // A removed connection (its history kept) counts until it was removed, where the value steps down: the chart
        // marks that step, and the past does not change afterwards.
        var removals = new Queue<(string Id, DateTimeOffset At)>(
            (await _connectionsTable.ChangedSinceAsync(since, cancellationToken).ConfigureAwait(false))
                .Where(c => c.RemovedAt >= since)
                .Select(c => (c.Id, At: c.RemovedAt!.Value))
                .OrderBy(c => c.At));
        void Add(DateTimeOffset at)
        {
            var point = new ValuePoint(at, current.Values.Sum(c => c.Value), current.Values.Any(c => !c.Complete));
            if (points.Count > 0 && points[^1].At == at)
            {
                points[^1] = point;
            }
            else
            {
                points.Add(point);
            }
        }

        void RemoveUpTo(DateTimeOffset at)
        {
            while (removals.TryPeek(out var removal) && removal.At <= at)
            {
                removals.Dequeue();
                if (current.Remove(removal.Id))
                {
                    Add(removal.At);
                }
            }
        }

        foreach (var (connectionId, at, value, complete) in values)
        {
            RemoveUpTo(at);
            current[connectionId] = (value, complete);
            Add(at);
        }

        RemoveUpTo(DateTimeOffset.MaxValue);
        return points;
    }

    /// <summary>
    /// The connections added or removed since <paramref name="since"/>, oldest first, to mark on the value chart: a step
    /// there is money that came with a connection (or left with it), not a gain or a loss.
    /// </summary>
    public async Task<IReadOnlyList<ConnectionChange>> GetConnectionChangesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var changed = await _connectionsTable.ChangedSinceAsync(since, cancellationToken).ConfigureAwait(false);
        var changes = new List<ConnectionChange>();
        foreach (var (id, label, created, removed) in changed)
        {
            if (created >= since)
            {
                changes.Add(new ConnectionChange(created, id, label, ConnectionChangeKind.Added));
            }

            if (removed is { } at && at >= since)
            {
                changes.Add(new ConnectionChange(at, id, label, ConnectionChangeKind.Removed));
            }
        }

        return [.. changes.OrderBy(c => c.At)];
    }

    /// <summary>The newest snapshots of one connection (at most <paramref name="limit"/>), newest first.</summary>
    public Task<IReadOnlyList<SnapshotSummary>> GetSnapshotHistoryAsync(string connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _snapshots.HistoryAsync(connectionId, limit, cancellationToken);
    }

    /// <summary>
    /// Writes every holding of the latest snapshots as CSV (invariant culture, RFC 4180 quoting, every number in one
    /// exact form without trailing zeros). Each row says what
    /// became of its wallet: <c>read</c>, or — for a wallet not read this time — <c>not_permitted</c> or
    /// <c>failed</c> with the reason, its rows then being the last good values (stale, read at
    /// <c>wallet_read_at_utc</c>) or one row without an asset when none were kept. <c>sub_account</c> names the included
    /// sub-account a row is in, empty for the key's own account.
    /// </summary>
    public async Task WriteCsvAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var views = await _connections.ListAsync(vaultLockApplies: false, cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync("connection,exchange,wallet,asset,exchange_asset,free,locked,total,usd_price,usd_value,as_of_utc,stale,exchange_wallet,wallet_status,wallet_read_at_utc,reason,sub_account").ConfigureAwait(false);
        foreach (var view in views.Where(v => v.Latest is not null))
        {
            var latest = view.Latest!;
            var asOf = Utc(latest.TakenAt);
            string WalletColumns(WalletStatus? wallet) => string.Join(
                ',',
                Csv(wallet?.AccountName ?? string.Empty),
                wallet is null ? "read" : CsvName(wallet.Outcome),
                wallet is null ? asOf : wallet.IsMissing ? (wallet.ValuesFrom is { } from ? Utc(from) : string.Empty) : asOf,
                Csv(wallet is { IsMissing: true } ? WalletTexts.Reason(wallet, view.Connection.Exchange).ToString() : string.Empty));
            WalletStatus? StatusOf(WalletKind kind, string? sub) =>
                latest.Wallets.FirstOrDefault(w => w.Wallet == kind && w.SubAccount == sub && w.IsStale)
                ?? latest.Wallets.FirstOrDefault(w => w.Wallet == kind && w.SubAccount == sub && !w.IsMissing)
                ?? latest.Wallets.FirstOrDefault(w => w.Wallet == kind && w.SubAccount == sub);

            foreach (var holding in latest.Holdings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(string.Join(
                    ',',
                    Csv(view.Connection.Label),
                    view.Connection.Exchange.ToName(),
                    holding.Wallet.ToString().ToLowerInvariant(),
                    Csv(holding.Asset),
                    Csv(holding.ExchangeAsset),
                    Number(holding.Free),
                    Number(holding.Locked),
                    Number(holding.Total),
                    Number(holding.UsdPrice),
                    Number(holding.UsdValue),
                    asOf,
                    view.IsStale || latest.IsStale(holding) ? "true" : "false",
                    WalletColumns(StatusOf(holding.Wallet, holding.SubAccount)),
                    Csv(holding.SubAccount ?? string.Empty))).ConfigureAwait(false);
            }

            foreach (var wallet in latest.Missing.Where(w => !latest.Holdings.Any(h => h.Wallet == w.Wallet && h.SubAccount == w.SubAccount)))
            {
                await writer.WriteLineAsync(string.Join(
                    ',',
                    Csv(view.Connection.Label),
                    view.Connection.Exchange.ToName(),
                    wallet.Wallet.ToString().ToLowerInvariant(),
                    ",,,,,,",
                    asOf,
                    wallet.IsStale || view.IsStale ? "true" : "false",
                    WalletColumns(wallet),
                    Csv(wallet.SubAccount ?? string.Empty))).ConfigureAwait(false);
            }
        }
    }

    private static string CsvName(WalletOutcome outcome) => outcome switch
    {
        WalletOutcome.NotPermitted => "not_permitted",
        WalletOutcome.NotOpened => "not_opened",
        WalletOutcome.Failed => "failed",
        _ => "read",
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // One form for every number, whatever scale the exchange sent it with: plain digits, a point, no trailing zeros and
    // no exponent (29250, 0.42, -1.5), exact to the last digit, so a column never mixes 29250.0000000000000000 and 10400.00.
    private static string Number(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@')
            ? "\"" + (text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@') ? "'" : string.Empty) + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
