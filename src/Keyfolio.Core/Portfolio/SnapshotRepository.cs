using System.Data.Common;
using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>
/// The <c>snapshots</c> and <c>snapshot_holdings</c> tables. A snapshot and its holdings are inserted in the caller's
/// transaction, with the count of holdings beside them, so a half-written snapshot cannot exist and would be seen.
/// </summary>
internal sealed class SnapshotRepository(KeyfolioDatabase database)
{
    private const long MicrosecondsPerDay = 86_400_000_000;

    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, Snapshot snapshot, CancellationToken cancellationToken)
    {
        long id;
        await using (var insert = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO snapshots (connection_id, taken_at, complete, wallets, holding_count, total_usd, unpriced_count) " +
            "VALUES (@connection, @taken, @complete, @wallets, @count, @total, @unpriced) RETURNING id",
            ("@connection", snapshot.ConnectionId),
            ("@taken", DbValues.ToMicroseconds(snapshot.TakenAt)),
            ("@complete", snapshot.IsComplete ? 1 : 0),
            ("@wallets", CoreJson.Serialize(snapshot.Wallets)),
            ("@count", snapshot.Holdings.Count),
            ("@total", DbValues.ToDb(snapshot.TotalUsd)),
            ("@unpriced", snapshot.UnpricedCount)))
        {
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        foreach (var holding in snapshot.Holdings)
        {
            await using var row = DbValues.Command(
                connection,
                transaction,
                "INSERT INTO snapshot_holdings (snapshot_id, sub_account, wallet, asset, exchange_asset, free_amount, locked_amount, total_amount, usd_price) " +
                "VALUES (@snapshot, @sub, @wallet, @asset, @exchangeAsset, @free, @locked, @total, @price)",
                ("@snapshot", id),
                ("@sub", holding.SubAccount ?? string.Empty),
                ("@wallet", holding.Wallet.ToString()),
                ("@asset", holding.Asset),
                ("@exchangeAsset", holding.ExchangeAsset),
                ("@free", DbValues.ToDb(holding.Free)),
                ("@locked", DbValues.ToDb(holding.Locked)),
                ("@total", DbValues.ToDb(holding.Total)),
                ("@price", DbValues.ToDb(holding.UsdPrice)));
            await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>Deletes one snapshot and its holdings (the demo's history replaces a reading by its copy).</summary>
    public static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        foreach (var sql in new[] { "DELETE FROM snapshot_holdings WHERE snapshot_id = @id", "DELETE FROM snapshots WHERE id = @id" })
        {
            await using var delete = DbValues.Command(connection, transaction, sql, ("@id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The newest snapshot of each active connection, with its holdings.</summary>
    public Task<IReadOnlyDictionary<string, Snapshot>> LatestAsync(CancellationToken cancellationToken) => LatestAsync(null, cancellationToken);

    /// <summary>The newest snapshot of one connection, with its holdings; null when it has none.</summary>
    public async Task<Snapshot?> LatestOfAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var latest = await LatestAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return latest.GetValueOrDefault(connectionId);
    }

    private async Task<IReadOnlyDictionary<string, Snapshot>> LatestAsync(string? connectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new Dictionary<long, (string Connection, DateTimeOffset At, IReadOnlyList<WalletStatus> Wallets, List<Holding> Holdings)>();
        var newest = connectionId is null
            ? "SELECT MAX(id) FROM snapshots GROUP BY connection_id"
            : "SELECT MAX(id) FROM snapshots WHERE connection_id = @connection";
        await using (var command = DbValues.Command(
            connection,
            null,
            "SELECT s.id, s.connection_id, s.taken_at, s.wallets FROM snapshots s JOIN connections c ON c.id = s.connection_id " +
            "WHERE c.removed_at IS NULL AND s.id IN (" + newest + ")",
            ("@connection", connectionId ?? string.Empty)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                snapshots[reader.GetInt64(0)] = (reader.GetString(1), DbValues.FromMicroseconds(reader.GetInt64(2)), CoreJson.Deserialize<List<WalletStatus>>(reader.GetString(3)) ?? [], []);
            }
        }

        await using (var command = DbValues.Command(
            connection,
            null,
            "SELECT h.snapshot_id, h.wallet, h.asset, h.exchange_asset, h.free_amount, h.locked_amount, h.total_amount, h.usd_price, h.sub_account FROM snapshot_holdings h " +
            "WHERE h.snapshot_id IN (" + newest + ") ORDER BY h.snapshot_id, h.sub_account, h.asset, h.wallet",
            ("@connection", connectionId ?? string.Empty)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (snapshots.TryGetValue(reader.GetInt64(0), out var snapshot))
                {
                    snapshot.Holdings.Add(new Holding(
                        Enum.Parse<WalletKind>(reader.GetString(1)),
                        reader.GetString(2),
                        reader.GetString(3),
                        DbValues.Decimal(reader, 4) ?? 0m,
                        DbValues.Decimal(reader, 5) ?? 0m,
                        DbValues.Decimal(reader, 6) ?? 0m,
                        DbValues.Decimal(reader, 7))
                    {
                        SubAccount = reader.GetString(8) is { Length: > 0 } sub ? sub : null,
                    });
                }
            }
        }

        return snapshots.ToDictionary(
            pair => pair.Value.Connection,
            pair => new Snapshot(pair.Key, pair.Value.Connection, pair.Value.At, pair.Value.Wallets, pair.Value.Holdings),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Every snapshot's connection, time and value since <paramref name="since"/>, oldest first: a removed connection's
    /// too, those taken before it was removed (its history kept), so the past does not change when it is removed.
    /// </summary>
    public async Task<IReadOnlyList<(string ConnectionId, DateTimeOffset At, decimal TotalUsd, bool Complete)>> ValuesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT s.connection_id, s.taken_at, s.total_usd, s.complete FROM snapshots s JOIN connections c ON c.id = s.connection_id " +
            "WHERE (c.removed_at IS NULL OR s.taken_at < c.removed_at) AND s.taken_at >= @since ORDER BY s.taken_at, s.id",
            ("@since", DbValues.ToMicroseconds(since)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<(string, DateTimeOffset, decimal, bool)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add((reader.GetString(0), DbValues.FromMicroseconds(reader.GetInt64(1)), DbValues.Decimal(reader, 2) ?? 0m, reader.GetInt64(3) != 0));
        }

        return values;
    }

    /// <summary>
    /// Each active connection's two newest readings (value, time, completeness), the newest first; a connection read
    /// once has one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset At, decimal TotalUsd, bool Complete)>>> LatestTwoValuesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT r.connection_id, r.taken_at, r.total_usd, r.complete FROM (" +
            "SELECT s.connection_id, s.taken_at, s.total_usd, s.complete, ROW_NUMBER() OVER (PARTITION BY s.connection_id ORDER BY s.id DESC) AS n " +
            "FROM snapshots s JOIN connections c ON c.id = s.connection_id WHERE c.removed_at IS NULL) r WHERE r.n <= 2 ORDER BY r.connection_id, r.n");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, List<(DateTimeOffset, decimal, bool)>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (!values.TryGetValue(id, out var readings))
            {
                values[id] = readings = [];
            }

            readings.Add((DbValues.FromMicroseconds(reader.GetInt64(1)), DbValues.Decimal(reader, 2) ?? 0m, reader.GetInt64(3) != 0));
        }

        return values.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<(DateTimeOffset, decimal, bool)>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Each connection's value as it stood just before <paramref name="before"/>, its newest snapshot then: every
    /// connection that existed then, one removed since included.
    /// </summary>
    public async Task<IReadOnlyList<(string ConnectionId, DateTimeOffset At, decimal TotalUsd, bool Complete)>> ValuesBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT s.connection_id, s.taken_at, s.total_usd, s.complete FROM snapshots s JOIN connections c ON c.id = s.connection_id " +
            "WHERE (c.removed_at IS NULL OR c.removed_at >= @before) AND s.id IN (SELECT MAX(id) FROM snapshots WHERE taken_at < @before GROUP BY connection_id)",
            ("@before", DbValues.ToMicroseconds(before)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<(string, DateTimeOffset, decimal, bool)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add((reader.GetString(0), DbValues.FromMicroseconds(reader.GetInt64(1)), DbValues.Decimal(reader, 2) ?? 0m, reader.GetInt64(3) != 0));
        }

        return values;
    }

    /// <summary>The newest snapshots of one connection, newest first, without their holdings.</summary>
    public async Task<IReadOnlyList<SnapshotSummary>> HistoryAsync(string connectionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT taken_at, total_usd, complete, holding_count, unpriced_count FROM snapshots WHERE connection_id = @connection ORDER BY taken_at DESC, id DESC LIMIT @limit",
            ("@connection", connectionId),
            ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var history = new List<SnapshotSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            history.Add(new SnapshotSummary(DbValues.FromMicroseconds(reader.GetInt64(0)), DbValues.Decimal(reader, 1) ?? 0m, reader.GetInt64(2) != 0, reader.GetInt32(3), reader.GetInt32(4)));
        }

        return history;
    }

    /// <summary>Keeps every snapshot of the last <paramref name="keepAll"/>, and before that the last one of each connection and UTC day.</summary>
    public static async Task<int> PruneAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset now, TimeSpan keepAll, CancellationToken cancellationToken)
    {
        await using var delete = DbValues.Command(
            connection,
            transaction,
            "DELETE FROM snapshots WHERE taken_at < @cutoff AND id NOT IN " +
            "(SELECT MAX(id) FROM snapshots WHERE taken_at < @cutoff GROUP BY connection_id, taken_at / @day)",
            ("@cutoff", DbValues.ToMicroseconds(now - keepAll)),
            ("@day", MicrosecondsPerDay));
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<int> PruneAsync(DateTimeOffset now, TimeSpan keepAll, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => PruneAsync(connection, transaction, now, keepAll, cancellationToken), cancellationToken);
}
