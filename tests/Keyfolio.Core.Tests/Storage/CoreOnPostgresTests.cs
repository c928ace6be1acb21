using System.Text;
using Keyfolio.Core.Backup;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Storage.Migrations;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Testing;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// The whole core — vault, connections, refreshes, snapshots, settings, audit log — on a real PostgreSQL database
/// instead of the SQLite file, through the same stores and migrations.
/// </summary>
public sealed partial class CoreOnPostgresTests : OnPostgres
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Connections_snapshots_settings_and_the_audit_log_are_kept_in_PostgreSQL_and_survive_a_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-pg-").FullName;
        decimal total;
        int history;
        await using (var first = await CoreHarness.StartAsync(dataDirectory: dataDirectory, configureOptions: o => o.Store = Store))
        {
            first.KeepDataDirectory = true;
            await first.AddAsync("Binance main");
            await first.AddAsync("OKX main");
            var outcomes = await first.Sync.RefreshAllAsync(None);
            Assert.All(outcomes, o => Assert.Equal(RefreshResult.Refreshed, o.Result));
            await first.Get<SettingsStore>().SetAsync("display.currency", "EUR", None);
            total = (await first.Portfolio.GetAsync(None)).TotalUsd;
            history = (await first.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, None)).Count;
            Assert.Equal(4, history);
        }

        Assert.False(File.Exists(Path.Combine(dataDirectory, KeyfolioDatabase.FileName)), "no SQLite file is written beside a PostgreSQL store");
        await using var second = await CoreHarness.StartAsync(createVault: false, dataDirectory: dataDirectory, configureOptions: o => o.Store = Store);
        Assert.True((await second.Vault.UnlockAsync(CoreHarness.Password, None)).IsSuccess);

        var connections = await second.Connections.ListAsync(false, None);
        Assert.Equal(["Binance main", "OKX main"], connections.Select(c => c.Connection.Label).Order());
        Assert.Equal(total, (await second.Portfolio.GetAsync(None)).TotalUsd);
        Assert.Equal("EUR", await second.Get<SettingsStore>().GetAsync("display.currency", None));

        // The keys decrypt after the restart: a second refresh signs its requests with them.
        var again = await second.Sync.RefreshAllAsync(None);
        Assert.All(again, o => Assert.Equal(RefreshResult.Refreshed, o.Result));
        Assert.Equal(history + connections.Count, (await second.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, None)).Count);
        var verified = await second.Audit.VerifyAsync(None);
        Assert.True(verified.IsIntact, verified.ToString());
    }

    [Fact]
    public async Task Two_cores_on_one_database_refreshing_one_nonce_signed_key_at_once_are_never_refused_a_nonce()
    {
        // Two nodes: one database, one exchange (the first node's simulator), nonce files of their own as on two
        // machines, and a clock that stands still, so that a nonce above the last one can only come from the database.
        // Neither node paces the other's calls, so the simulator counts no rate limit: only a nonce can refuse a call.
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-pg-").FullName;
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow) { RealTimers = true };
        var config = SimulatorConfig.Demo();
        config.RateLimits.Enabled = false;
        CoreHarness? first = null;
        CoreHarness? second = null;
        try
        {
            first = await CoreHarness.StartAsync(config: config, time: time, dataDirectory: dataDirectory, configureOptions: o => AsNode(o, "node-a", dataDirectory, null));
            first.KeepDataDirectory = true;
            await first.AddAsync("Kraken main");
            var exchange = first.Simulator;
            second = await CoreHarness.StartAsync(createVault: false, time: time, dataDirectory: dataDirectory, configureOptions: o => AsNode(o, "node-b", dataDirectory, exchange));
            second.KeepDataDirectory = true;
            Assert.True((await second.Vault.UnlockAsync(CoreHarness.Password, None)).IsSuccess);

            static async Task<List<RefreshOutcome>> RefreshAsync(CoreHarness core)
            {
                var outcomes = new List<RefreshOutcome>();
                for (var round = 0; round < 8; round++)
                {
                    outcomes.AddRange(await core.Sync.RefreshAllAsync(None));
                }

                return outcomes;
            }

            var refreshed = await Task.WhenAll(Task.Run(() => RefreshAsync(first)), Task.Run(() => RefreshAsync(second)));

            var all = refreshed.SelectMany(o => o).ToList();
            Assert.Equal(2 * 8, all.Count);
            Assert.All(all, o => Assert.True(o.Result == RefreshResult.Refreshed, $"{o.Label}: {o.Result} {o.Diagnosis} {o.Error}"));
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            if (first is not null)
            {
                await first.DisposeAsync();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>A node of its own: its own pool on the database, its own nonce files, and optionally another node's exchange.</summary>
    private void AsNode(KeyfolioCoreOptions options, string name, string dataDirectory, SimulatorHost? exchange)
    {
        options.Store = StoreAs(name);
        options.Exchanges.StateDirectory = Path.Combine(dataDirectory, name + "-exchanges");
        options.Exchanges.RespectRateLimits = false;
        if (exchange is not null)
        {
            foreach (var hostOverride in options.Exchanges.HostOverrides)
            {
                hostOverride.BaseUrl = exchange.BaseUrl(hostOverride.Exchange.ToName());
            }
        }
    }

    [Fact]
    public async Task Only_the_ciphertext_of_a_key_reaches_the_database()
    {
        await using var harness = await CoreHarness.StartAsync(configureOptions: o => o.Store = Store);
        await harness.AddAsync("OKX main");
        var account = harness.Account("OKX main");

        var values = await PostgresRows.ReadEveryValueAsync(Server.ConnectionString);

        Assert.NotEmpty(values);
        foreach (var secret in new[] { account.Secret, account.Passphrase!, CoreHarness.Password })
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.DoesNotContain(values, value => value.AsSpan().IndexOf(bytes) >= 0);
        }
    }

    [Fact]
    public async Task Writers_from_two_processes_queue_on_the_database_write_lock_so_no_read_then_write_is_lost()
    {
        var directory = Directory.CreateTempSubdirectory("keyfolio-core-pg-").FullName;
        try
        {
            // Two databases objects with their own pools stand for two processes sharing the server.
            var one = new KeyfolioDatabase(directory, null, Store);
            var two = new KeyfolioDatabase(directory, null, StoreAs("second"));
            await one.MigrateAsync(None);
            await one.WriteAsync((c, t) => RawSet(c, t, "0"), None);

            async Task IncrementAsync(KeyfolioDatabase database)
            {
                await database.WriteAsync(
                    async (connection, transaction) =>
                    {
                        await using var read = DbValues.Command(connection, transaction, "SELECT value FROM settings WHERE name = 'counter'");
                        var current = int.Parse((string)(await read.ExecuteScalarAsync(None))!, System.Globalization.CultureInfo.InvariantCulture);
                        await Task.Yield();
                        await RawSet(connection, transaction, (current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    },
                    None);
            }

            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => IncrementAsync(i % 2 == 0 ? one : two))));

            await using var connection = await one.OpenAsync(None);
            await using var final = DbValues.Command(connection, null, "SELECT value FROM settings WHERE name = 'counter'");
            Assert.Equal("40", await final.ExecuteScalarAsync(None));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Readiness_names_the_schema_of_a_reachable_server_and_says_so_when_it_cannot_be_reached_without_its_password()
    {
        var directory = Directory.CreateTempSubdirectory("keyfolio-core-pg-").FullName;
        try
        {
            var database = new KeyfolioDatabase(directory, null, Store);
            var fresh = await database.CheckReadinessAsync(None);
            Assert.False(fresh.MigrationsApplied);

            await database.MigrateAsync(None);
            var ready = await database.CheckReadinessAsync(None);
            Assert.True(ready.Reachable);
            Assert.Null(ready.Problem);
            Assert.Equal(MigrationCatalog.LatestVersion, ready.SchemaVersion);
            Assert.Equal("ok", await database.CheckIntegrityAsync(None));

            var unreachable = new KeyfolioDatabase(directory, null, StoreLocation.PostgreSql("Host=127.0.0.1;Port=1;Database=keyfolio;Username=kf;Password=Canary-Pg-Password-77;Timeout=2"));
            var down = await unreachable.CheckReadinessAsync(None);
            Assert.False(down.Reachable);
            Assert.Contains("PostgreSQL", down.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Canary-Pg-Password-77", down.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Canary-Pg-Password-77", unreachable.Store.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_backup_of_a_PostgreSQL_store_is_refused_with_the_way_to_make_one()
    {
        await using var harness = await CoreHarness.StartAsync(configureOptions: o => o.Store = Store);
        var file = Path.Combine(harness.DataDirectory, "..", "keyfolio-pg-backup-" + Guid.NewGuid().ToString("N") + ".zip");

        var backup = await harness.Get<BackupService>().CreateAsync(file, CoreHarness.Password, overwrite: false, None);

        Assert.False(backup.IsSuccess);
        Assert.Equal("Database:Provider", backup.Error!.Field);
        Assert.Contains("pg_dump", backup.Error.Fix.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static async Task RawSet(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string value)
    {
        await using var write = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO settings (name, value, updated_at) VALUES ('counter', @value, 0) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ("@value", value));
        await write.ExecuteNonQueryAsync(None);
    }
}
