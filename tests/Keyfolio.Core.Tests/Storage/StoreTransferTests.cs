using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Storage.Migrations;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// Moving a SQLite data directory into PostgreSQL: a real SQLite file filled through the core against the simulator,
/// moved into a real PostgreSQL database, and the core then started on PostgreSQL over the same data directory.
/// </summary>
public sealed class StoreTransferTests : OnPostgres
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StoreLocation Target => Store;

    [Fact]
    public async Task A_populated_data_directory_moves_whole_and_the_core_runs_on_PostgreSQL_with_the_same_password_keys_totals_and_audit_chain()
    {
        var dataDirectory = await PopulatedDirectoryAsync();
        try
        {
            var (labels, total, lastSnapshot) = await ReadSqliteFactsAsync(dataDirectory);
            var before = await SqliteRowsAsync(dataDirectory);
            Assert.All(before, table => Assert.True(table.Value > 0, $"the populated directory has rows in {table.Key}, so its copy is tested"));
            var reported = new List<StoreTransferProgress>();

            var moved = await Transfer(dataDirectory).MoveAsync(Target, new Immediate<StoreTransferProgress>(reported.Add), None);

            Assert.True(moved.IsSuccess, moved.Error?.ToString());
            var summary = moved.Value;
            Assert.Equal(MigrationCatalog.LatestVersion, summary.SchemaVersion);
            Assert.DoesNotContain("devpass", summary.Target, StringComparison.Ordinal);
            // Every table of the schema is moved (the migrations' own record is written there by the same migrations).
            Assert.Equal(before.Keys.Where(t => t != StoreTransfer.VersionTable).Order(StringComparer.Ordinal), summary.Tables.Select(t => t.Table).Order(StringComparer.Ordinal));
            Assert.All(summary.Tables, t => Assert.Equal(before[t.Table], t.Rows));
            Assert.Equal(summary.Tables.Select(t => (t.Table, t.Rows)), reported.Select(p => (p.Table, p.Rows)));
            Assert.Equal(Enumerable.Range(1, summary.Tables.Count), reported.Select(p => p.TableNumber));
            Assert.Equal(before["audit_entries"], summary.AuditEntries);
            Assert.Equal(before, await SqliteRowsAsync(dataDirectory));

            var afterMove = await PostgresRowsAsync(before.Keys);
            Assert.Equal(before["audit_entries"] + 1, afterMove["audit_entries"]);

            await using var server = await CoreHarness.StartAsync(createVault: false, dataDirectory: dataDirectory, configureOptions: o => o.Store = Target);
            server.KeepDataDirectory = true;
            Assert.False(server.Database.IsEmbedded);
            var moveRecord = (await server.Audit.ReadNewestAsync(1, null, None)).Single();
            Assert.Equal(AuditAction.Imported, moveRecord.Action);
            Assert.Contains("moved from the SQLite file", moveRecord.Outcome, StringComparison.Ordinal);
            Assert.True((await server.Vault.UnlockAsync(CoreHarness.Password, None)).IsSuccess);
            var connections = await server.Connections.ListAsync(false, None);
            Assert.Equal(labels, connections.Select(c => c.Connection.Label).Order(StringComparer.Ordinal));
            Assert.Equal(total, (await server.Portfolio.GetAsync(None)).TotalUsd);
            Assert.Equal("EUR", await server.Get<SettingsStore>().GetAsync("display.currency", None));

            // The keys decrypt on PostgreSQL: a refresh signs its requests with them, and its snapshots get new ids.
            server.Simulator.Control.SetPermissions("gate", server.Account("Gate main").ApiKey, ["read"]);
            var refreshed = await server.Sync.RefreshAllAsync(None);
            Assert.All(refreshed, o => Assert.Equal(RefreshResult.Refreshed, o.Result));
            var (count, newest) = await PostgresSnapshotsAsync();
            Assert.Equal(before["snapshots"] + connections.Count, count);
            Assert.True(newest > lastSnapshot, $"a new snapshot is numbered after the moved ones ({newest} > {lastSnapshot})");
            var verified = await server.Audit.VerifyAsync(None);
            Assert.True(verified.IsIntact, verified.ToString());
            Assert.True(verified.EntriesChecked > afterMove["audit_entries"]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task The_tables_moved_are_the_tables_the_migrations_create_each_after_those_it_references()
    {
        var directory = Directory.CreateTempSubdirectory("keyfolio-move-schema-").FullName;
        try
        {
            var database = new KeyfolioDatabase(directory);
            await database.MigrateAsync(None);
            await using var connection = await database.OpenAsync(None);
            var created = new List<string>();
            await using (var list = DbValues.Command(connection, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            await using (var reader = await list.ExecuteReaderAsync(None))
            {
                while (await reader.ReadAsync(None))
                {
                    created.Add(reader.GetString(0));
                }
            }

            var tables = await StoreTransfer.ReadTablesAsync(connection, null, None);

            Assert.Equal(created.Order(StringComparer.Ordinal), tables.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.Contains(tables, t => t.Name == "alert_deliveries");
            for (var i = 0; i < tables.Count; i++)
            {
                Assert.All(tables[i].References, referenced => Assert.Contains(referenced, tables.Take(i).Select(t => t.Name)));
            }

            Assert.Equal(["snapshot_id", "sub_account", "wallet", "exchange_asset"], tables.Single(t => t.Name == "snapshot_holdings").Key);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_target_holding_Keyfolio_data_is_refused_and_left_as_it_was()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Binance main");
        var other = Directory.CreateTempSubdirectory("keyfolio-move-other-").FullName;
        try
        {
            var existing = new KeyfolioDatabase(other, null, Target);
            await existing.MigrateAsync(None);
            await existing.WriteAsync(
                async (c, t) =>
                {
                    await using var insert = DbValues.Command(c, t, "INSERT INTO settings (name, value, updated_at) VALUES ('display.currency', 'JPY', 1)");
                    await insert.ExecuteNonQueryAsync(None);
                },
                None);
            var tables = await PostgresRowsAsync(["schema_version", "settings", "connections"]);

            var moved = await Transfer(source.DataDirectory).MoveAsync(Target, null, None);

            Assert.False(moved.IsSuccess);
            Assert.Equal(CoreErrorKind.Conflict, moved.Error.Kind);
            Assert.Contains("settings: 1 rows", moved.Error.Message.ToString(), StringComparison.Ordinal);
            Assert.Contains("drop it", moved.Error.Fix.ToString(), StringComparison.Ordinal);
            Assert.Equal(tables, await PostgresRowsAsync(["schema_version", "settings", "connections"]));
            Assert.Equal("JPY", await PostgresScalarAsync("SELECT value FROM settings"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task A_move_cancelled_midway_leaves_the_target_empty_and_a_second_move_then_succeeds()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Binance main");
        await source.Sync.RefreshAllAsync(None);
        using var cancel = new CancellationTokenSource();
        var reported = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transfer(source.DataDirectory).MoveAsync(
            Target,
            new Immediate<StoreTransferProgress>(p =>
            {
                reported.Add(p.Table);
                if (reported.Count == 3)
                {
                    cancel.Cancel();
                }
            }),
            cancel.Token));

        Assert.Equal(3, reported.Count);
        Assert.Equal("0", await PostgresScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"));

        var again = await Transfer(source.DataDirectory).MoveAsync(Target, null, None);
        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.Equal(1, again.Value.Tables.Single(t => t.Table == "connections").Rows);
    }

    [Fact]
    public async Task A_move_is_refused_while_a_server_holds_the_data_directory()
    {
        await using var source = await CoreHarness.StartAsync();
        using (var serving = ServingLock.TryTake(source.DataDirectory, "keyfolio serve at http://127.0.0.1:5080", TimeProvider.System, out _))
        {
            Assert.NotNull(serving);

            var moved = await Transfer(source.DataDirectory).MoveAsync(Target, null, None);

            Assert.False(moved.IsSuccess);
            Assert.Equal(CoreErrorKind.Conflict, moved.Error.Kind);
            Assert.Contains("keyfolio serve at http://127.0.0.1:5080", moved.Error.Message.ToString(), StringComparison.Ordinal);
            Assert.Contains("Stop `keyfolio serve`", moved.Error.Fix.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("0", await PostgresScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
    }

    [Fact]
    public async Task A_SQLite_file_whose_audit_chain_fails_is_not_moved()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Binance main");
        await source.TamperAsync("UPDATE audit_entries SET outcome = 'edited' WHERE sequence = 1");

        var moved = await Transfer(source.DataDirectory).MoveAsync(Target, null, None);

        Assert.False(moved.IsSuccess);
        Assert.Equal(CoreErrorKind.AuditFailed, moved.Error.Kind);
        Assert.Contains("nothing was moved", moved.Error.Message.ToString(), StringComparison.Ordinal);
        Assert.Equal("0", await PostgresScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
    }

    [Fact]
    public async Task A_table_larger_than_one_batch_moves_whole_and_compares_equal()
    {
        await using var source = await CoreHarness.StartAsync();
        await RawSql.ExecuteAsync(source.Database, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234)
            INSERT INTO alert_marks (subject, mark, since) SELECT 'subject-' || (i % 7), 'mark-' || i || '-Ä', i FROM n;
            """);

        var moved = await Transfer(source.DataDirectory).MoveAsync(Target, null, None);

        Assert.True(moved.IsSuccess, moved.Error?.ToString());
        Assert.Equal(1234, moved.Value.Tables.Single(t => t.Table == "alert_marks").Rows);
        Assert.Equal("1234", await PostgresScalarAsync("SELECT COUNT(*) FROM alert_marks"));
        Assert.Equal("761995", await PostgresScalarAsync("SELECT SUM(since) FROM alert_marks"));
    }

    private static StoreTransfer Transfer(string dataDirectory) => new(new KeyfolioCoreOptions { DataDirectory = dataDirectory }, TimeProvider.System);

    /// <summary>A SQLite data directory with rows in every table: connections refreshed twice, a failing key's alert, settings, sub-accounts and a delivery.</summary>
    private static async Task<string> PopulatedDirectoryAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-move-").FullName;
        await using var harness = await CoreHarness.StartAsync(dataDirectory: dataDirectory);
        harness.KeepDataDirectory = true;
        foreach (var label in new[] { "Binance main", "OKX main", "Gate main" })
        {
            await harness.AddAsync(label);
        }

        await harness.Sync.RefreshAllAsync(None);
        harness.Simulator.Control.SetPermissions("gate", harness.Account("Gate main").ApiKey, []);
        await harness.Sync.RefreshAllAsync(None);
        Assert.NotEmpty(await harness.Get<AlertMonitor>().DetectAsync(None));
        await harness.Get<SettingsStore>().SetAsync("display.currency", "EUR", None);
        var binance = await harness.IdOfAsync("Binance main");

        // The nonce tables are the PostgreSQL store's and stay empty on SQLite; given rows, they move like any other.
        await RawSql.ExecuteAsync(harness.Database, $"""
            INSERT OR IGNORE INTO exchange_nonce_key (id, name_key) VALUES (1, randomblob(32));
            INSERT OR IGNORE INTO exchange_nonces (exchange, key_fingerprint, last_nonce) VALUES ('bitfinex', '00112233445566778899aabb', 1700000000000001);
            INSERT OR IGNORE INTO sub_accounts (connection_id, sub_account, note, frozen, included, listed, first_listed_at) VALUES ('{binance}', 'trading-1', 'desk ☕', 0, 1, 1, 1700000000000000);
            INSERT OR IGNORE INTO sub_account_lists (connection_id, listed_at, diagnosis) VALUES ('{binance}', 1700000000000000, NULL);
            INSERT OR IGNORE INTO alert_deliveries (alert_id, channel, attempts, next_attempt_at, delivered_at, last_outcome) SELECT MIN(id), 'webhook', 1, NULL, 1700000000000001, 'delivered (HTTP 204)' FROM alerts;
            INSERT OR IGNORE INTO egress_nodes (holder, shared_address, last_seen_at) VALUES ('node-a/42/0a1b2c3d', 'nat-gateway-1', 1700000000000002);
            """);
        return dataDirectory;
    }

    private static async Task<(string[] Labels, decimal Total, long LastSnapshot)> ReadSqliteFactsAsync(string dataDirectory)
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false, dataDirectory: dataDirectory);
        harness.KeepDataDirectory = true;
        var labels = (await harness.Connections.ListAsync(false, None)).Select(c => c.Connection.Label).Order(StringComparer.Ordinal).ToArray();
        var total = (await harness.Portfolio.GetAsync(None)).TotalUsd;
        var last = long.Parse(await RawSql.ScalarAsync(harness.Database, "SELECT MAX(id) FROM snapshots"), CultureInfo.InvariantCulture);
        return (labels, total, last);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the schema.")]
    private static async Task<Dictionary<string, long>> SqliteRowsAsync(string dataDirectory)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, KeyfolioDatabase.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{name}\"";
            counts[name] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the schema.")]
    private async Task<Dictionary<string, long>> PostgresRowsAsync(IEnumerable<string> tables)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private async Task<(long Count, long Newest)> PostgresSnapshotsAsync()
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*), MAX(id) FROM snapshots", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test queries are constants.")]
    private async Task<string> PostgresScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    /// <summary>Reports as they happen, on the caller's thread (<see cref="Progress{T}"/> posts them later, elsewhere).</summary>
    private sealed class Immediate<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
