using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Testing.Postgres;
using Keyfolio.Vault;
using Keyfolio.Vault.Kdf;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keyfolio.Benchmarks.Core;

/// <summary>
/// <c>nodes-refresh [connections] [nodes]</c>: several cores ("nodes") on one PostgreSQL database, each with its own
/// pool and its own <see cref="SyncScheduler"/>, share the first refresh of many never-synced connections against the
/// simulator with its rate limits on. All nodes run in this process and so reach the simulator from one address: the
/// simulator's per-address rules are raised by the number of nodes, so each node has one address's worth, as it would
/// on its own machine. Reports the time until every connection has its first snapshot, the simulator's refusals, how
/// the refreshes split over the nodes, snapshots per connection and the database's load.
/// </summary>
internal static class NodesRefreshBenchmark
{
    private const string Password = "violet-harbour-lantern-42";
    private const string ExportPassword = "amber-quarry-signal-58";

    /// <summary>The simulator's rules counted per address, with their limits (docs/simulator.md).</summary>
    private static readonly (string Rule, int Limit)[] PerAddressRules =
    [
        ("binance.weight", 6000),
        ("binance.sapi-weight", 12000),
        ("binance.fapi-weight", 2400),
        ("binance.dapi-weight", 2400),
        ("okx.public", 20),
        ("htx.public", 100),
        ("bitfinex.wallets", 45),
        ("bitfinex.permissions", 90),
        ("bitfinex.positions", 90),
        ("bitfinex.public", 90),
        ("hitbtc.public", 30),
        ("gate.public", 200),
        ("bittrex.public", 60),
        ("kraken.public", 15),
        ("bybit.ip", 600),
        ("kucoin.public", 2000),
        ("coinbase.public", 10),
    ];

    private static readonly string[] DatabaseCounters = ["xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted", "blks_read", "blks_hit"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var nodeCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var accounts = Enumerable.Range(0, count).Select(i => RefreshBenchmark.Account(ExchangeIds.All[i % ExchangeIds.All.Count], i)).ToList();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-bench-nodes-").FullName;
        try
        {
            var seed = Stopwatch.StartNew();
            var file = await SeedAsync(accounts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} connections added and exported (rate limits off) in {seed.Elapsed.TotalSeconds:0.0} s"));

            var measured = Config(accounts);
            foreach (var (rule, limit) in PerAddressRules)
            {
                measured.RateLimits.Limits[rule] = limit * nodeCount;
            }

            await using var simulator = await SimulatorHost.StartAsync(measured);
            var nodes = new List<Node>();
            try
            {
                // Each pool may hold Npgsql's default of 100 sessions: three of them would pass the throwaway server's
                // max_connections (200), so the nodes share 150 between them, as an operator would size them.
                var poolSize = Math.Max(10, 150 / nodeCount);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nodeCount} nodes, Maximum Pool Size={poolSize} each; per-address rate limits × {nodeCount}"));
                for (var n = 0; n < nodeCount; n++)
                {
                    nodes.Add(await Node.StartAsync(simulator, dataDirectory, string.Create(CultureInfo.InvariantCulture, $"{database.ConnectionString};Maximum Pool Size={poolSize};Application Name=node {n + 1}"), first: n == 0));
                }

                var import = Stopwatch.StartNew();
                var imported = await nodes[0].Provider.GetRequiredService<TransferService>().ImportAsync(file, ExportPassword, CancellationToken.None);
                if (!imported.IsSuccess)
                {
                    throw new InvalidOperationException(imported.Error!.ToString());
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported into node 1 (never synced, all due) in {import.Elapsed.TotalSeconds:0.0} s"));
                return await MeasureAsync(simulator, nodes, database.ConnectionString, count);
            }
            finally
            {
                foreach (var node in nodes)
                {
                    await node.DisposeAsync();
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(SimulatorHost simulator, List<Node> nodes, string connectionString, int count)
    {
        foreach (var exchange in ExchangeIds.All)
        {
            simulator.Control.ResetCounters(exchange.ToName());
        }

        await using var monitor = new NpgsqlConnection(connectionString + ";Application Name=benchmark monitor");
        await monitor.OpenAsync();
        var statsBefore = await DatabaseStatsAsync(monitor);
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var schedulers = nodes.Select(node => node.RunSchedulerAsync(stop.Token)).ToList();
        var peakSessions = 0L;
        var lastReport = TimeSpan.Zero;
        long synced;
        while (true)
        {
            synced = await ScalarAsync(monitor, "SELECT COUNT(DISTINCT connection_id) FROM snapshots");
            peakSessions = Math.Max(peakSessions, await ScalarAsync(monitor, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"));
            if (synced >= count || schedulers.Any(s => s.IsCompleted))
            {
                break;
            }

            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = watch.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds,5:0} s: {synced} of {count} have a snapshot"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        foreach (var scheduler in schedulers)
        {
            try
            {
                await scheduler;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }

        // The statistics reach pg_stat_database when each session reports them, up to a second after its transactions.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var statsAfter = await DatabaseStatsAsync(monitor);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"every connection's first snapshot: {synced} of {count} in {elapsed.TotalSeconds:0.0} s on {nodes.Count} nodes"));
        var perConnection = await ScalarsAsync(monitor, "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM snapshots GROUP BY connection_id) AS c GROUP BY n ORDER BY n");
        Console.WriteLine("  snapshots per connection: " + string.Join(", ", perConnection.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} connections with {p.Key}"))));
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  node {n + 1}: refreshed {node.Results.GetValueOrDefault(RefreshResult.Refreshed)}, deferred {node.Results.GetValueOrDefault(RefreshResult.Deferred)}, failed {node.Results.GetValueOrDefault(RefreshResult.Failed)}; other outcomes {node.Results.Where(r => r.Key is not (RefreshResult.Refreshed or RefreshResult.Deferred or RefreshResult.Failed)).Sum(r => r.Value)}"));
            foreach (var failure in node.Failures.OrderByDescending(f => f.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    not refreshed: {failure.Value} × {failure.Key}"));
            }
        }

        var bound = TimeSpan.Zero;
        var tightest = "";
        foreach (var exchange in ExchangeIds.All)
        {
            var counters = simulator.Control.GetCounters(exchange.ToName());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {exchange.ToName(),-9} requests {counters.Requests,6}  429 {counters.TooManyRequests}  418 {counters.Banned}"));
        }

        // As in core-refresh-bulk: Bittrex's calls at 60 a minute per address, one address per node.
        var bittrex = simulator.Control.GetCounters(ExchangeId.Bittrex.ToName()).Requests;
        bound = TimeSpan.FromMinutes((double)bittrex / (60 * nodes.Count));
        tightest = string.Create(CultureInfo.InvariantCulture, $"bittrex: {bittrex} calls at 60 per minute per address × {nodes.Count} addresses = {bound.TotalSeconds:0} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound: {tightest}; measured {elapsed / bound:0.00} × the bound"));
        Console.WriteLine("database (pg_stat_database deltas; the monitor's own polling included): " + string.Join(", ", DatabaseCounters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {statsAfter[c] - statsBefore[c]}"))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak sessions on the database (pg_stat_activity, polled every 0.5 s, the monitor's own included): {peakSessions}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set of the process (nodes and simulator together): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB"));
        return synced >= count ? 0 : 1;
    }

    /// <summary>Adds the connections to a core of its own against a simulator without rate limits, and exports them.</summary>
    private static async Task<byte[]> SeedAsync(List<SimulatorAccount> accounts)
    {
        var config = Config(accounts);
        config.RateLimits.Enabled = false;
        await using var simulator = await SimulatorHost.StartAsync(config);
        var directory = Directory.CreateTempSubdirectory("keyfolio-bench-seed-").FullName;
        try
        {
            await using var provider = Options(simulator, directory, StoreLocation.Sqlite, respectRateLimits: false);
            await provider.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
            await provider.GetRequiredService<VaultAccess>().CreateAsync(Password, withRecoveryKey: false, CancellationToken.None);
            var add = provider.GetRequiredService<AddConnectionCommand>();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (account, cancellationToken) =>
            {
                ExchangeIds.TryParse(account.Exchange, out var exchange);
                using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
                var added = await add.AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials), cancellationToken);
                if (!added.IsSuccess)
                {
                    throw new InvalidOperationException(added.Error.ToString());
                }
            });
            var file = await provider.GetRequiredService<TransferService>().ExportAsync(Password, ExportPassword, CancellationToken.None);
            return file.Value ?? throw new InvalidOperationException(file.Error!.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SimulatorConfig Config(List<SimulatorAccount> accounts)
    {
        var config = new SimulatorConfig { Prices = SimulatorConfig.Demo().Prices };
        foreach (var account in accounts)
        {
            config.Accounts.Add(account);
        }

        return config;
    }

    private static ServiceProvider Options(SimulatorHost simulator, string directory, StoreLocation store, bool respectRateLimits)
    {
        var options = new KeyfolioCoreOptions
        {
            DataDirectory = directory,
            Store = store,
            // Once refreshed, a connection is not due again during the run: a second snapshot would be a second refresh.
            DefaultSyncInterval = TimeSpan.FromDays(1),
            Vault = new VaultOptions { Kdf = KdfParameters.Floor },
            Exchanges = new ExchangeClientOptions { RespectRateLimits = respectRateLimits, MaxRateLimitWait = TimeSpan.FromSeconds(15) },
        };
        foreach (var exchange in ExchangeIds.All)
        {
            options.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
        }

        return new ServiceCollection().AddKeyfolioCore(options).BuildServiceProvider();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statement is built from this class's constants.")]
    private static async Task<Dictionary<string, long>> DatabaseStatsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT " + string.Join(", ", DatabaseCounters) + " FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return DatabaseCounters.Select((c, i) => (c, reader.GetInt64(i))).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are this class's constants.")]
    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are this class's constants.")]
    private static async Task<List<KeyValuePair<long, long>>> ScalarsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<KeyValuePair<long, long>>();
        while (await reader.ReadAsync())
        {
            rows.Add(new(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>One node: a core on the shared database and data directory, with its own pool, unlocked.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private Node(ServiceProvider provider) => Provider = provider;

        public ServiceProvider Provider { get; }

        /// <summary>The outcomes of this node's passes, by result.</summary>
        public ConcurrentDictionary<RefreshResult, long> Results { get; } = new();

        /// <summary>Why this node's refreshes that did not succeed failed.</summary>
        public ConcurrentDictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

        public static async Task<Node> StartAsync(SimulatorHost simulator, string dataDirectory, string connectionString, bool first)
        {
            var provider = Options(simulator, dataDirectory, StoreLocation.PostgreSql(connectionString), respectRateLimits: true);
            await provider.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
            var access = provider.GetRequiredService<VaultAccess>();
            var opened = first
                ? (await access.CreateAsync(Password, withRecoveryKey: false, CancellationToken.None)).Error
                : (await access.UnlockAsync(Password, CancellationToken.None)).Error;
            if (opened is not null)
            {
                throw new InvalidOperationException(opened.ToString());
            }

            return new Node(provider);
        }

        public Task RunSchedulerAsync(CancellationToken cancellationToken)
        {
            var scheduler = Provider.GetRequiredService<SyncScheduler>();
            scheduler.PassCompleted += (_, outcomes) =>
            {
                foreach (var outcome in outcomes)
                {
                    Results.AddOrUpdate(outcome.Result, 1, (_, n) => n + 1);
                    if (outcome.Result == RefreshResult.Failed)
                    {
                        Failures.AddOrUpdate(string.Create(CultureInfo.InvariantCulture, $"{outcome.Label.Split(' ')[0]} {outcome.Diagnosis?.Category} {outcome.Error?.Kind}"), 1, (_, n) => n + 1);
                    }
                }
            };
            return Task.Run(() => scheduler.RunAsync(cancellationToken), cancellationToken);
        }

        public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
    }
}
