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
    private readonly TimeProvider _time;

    internal PortfolioService(KeyfolioDatabase database, ConnectionService connections, TimeProvider time)
    {
        _connections = connections;
        _snapshots = new SnapshotRepository(database);
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

        var byAsset = withHoldings
            .SelectMany(v => v.Latest!.Holdings.Select(h => (View: v, Holding: h)))
            .GroupBy(x => x.Holding.Asset, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var amount = g.Sum(x => x.Holding.Total);
                var priced = g.Where(x => x.Holding.UsdPrice is not null).ToList();
                decimal? value = priced.Count == 0 ? null : priced.Sum(x => x.Holding.UsdValue!.Value);
                decimal? price = priced.Count == 0 ? null : priced[0].Holding.UsdPrice;
                return new AssetPosition(g.Key, amount, price, value, Share(value ?? 0m), g.Any(x => x.View.IsStale));
            })
            .OrderByDescending(a => a.UsdValue ?? -1m)
            .ThenBy(a => a.Asset, StringComparer.Ordinal)
            .ToList();
        var byExchange = withHoldings
            .GroupBy(v => v.Connection.Exchange)
            .Select(g => new ExchangePosition(g.Key, g.Sum(v => v.TotalUsd), Share(g.Sum(v => v.TotalUsd)), g.Count(), g.Any(v => v.IsStale)))
            .OrderByDescending(e => e.UsdValue)
            .ToList();
        var byConnection = views
            .Select(v => new ConnectionPosition(v.Connection.Id, v.Connection.Label, v.Connection.Exchange, v.TotalUsd, v.Latest?.TakenAt, v.IsStale, v.Age))
            .OrderByDescending(c => c.UsdValue)
            .ToList();
        var unpriced = byAsset.Where(a => a.UsdValue is null && a.Amount != 0m).Select(a => new UnpricedAsset(a.Asset, a.Amount)).ToList();
        return new PortfolioSummary(total, withHoldings.Where(v => v.IsStale).Sum(v => v.TotalUsd), byAsset, byExchange, byConnection, unpriced, now);
    }

    /// <summary>
    /// The portfolio's value over time from snapshots since <paramref name="since"/>: a point at each snapshot, each
    /// connection counted at its latest value up to then.
    /// </summary>
    public async Task<IReadOnlyList<ValuePoint>> GetHistoryAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var values = await _snapshots.ValuesSinceAsync(since, cancellationToken).ConfigureAwait(false);
        var current = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var points = new List<ValuePoint>();
        foreach (var (connectionId, at, value) in values)
        {
            current[connectionId] = value;
            var point = new ValuePoint(at, current.Values.Sum());
            if (points.Count > 0 && points[^1].At == at)
            {
                points[^1] = point;
            }
            else
            {
                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>The newest snapshots of one connection (at most <paramref name="limit"/>), newest first.</summary>
    public Task<IReadOnlyList<SnapshotSummary>> GetSnapshotHistoryAsync(string connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _snapshots.HistoryAsync(connectionId, limit, cancellationToken);
    }

    /// <summary>Writes every holding of the latest snapshots as CSV (invariant culture, RFC 4180 quoting).</summary>
    public async Task WriteCsvAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var views = await _connections.ListAsync(vaultLockApplies: false, cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync("connection,exchange,wallet,asset,exchange_asset,free,locked,total,usd_price,usd_value,as_of_utc,stale").ConfigureAwait(false);
        foreach (var view in views.Where(v => v.Latest is not null))
        {
            foreach (var holding in view.Latest!.Holdings)
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
                    view.Latest.TakenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    view.IsStale ? "true" : "false")).ConfigureAwait(false);
            }
        }
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@')
            ? "\"" + (text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@') ? "'" : string.Empty) + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
