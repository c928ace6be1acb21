using System.Diagnostics;
using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Benchmarks.Support;
using Keyfolio.Simulator;
using Keyfolio.Vault;
using Keyfolio.Vault.Kdf;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Benchmarks.Core;

/// <summary>
/// Full refreshes through the core against the simulator: seven connections (one per exchange) with a fixed latency,
/// in parallel and one after another; and many connections with the simulator's rate limits on, against the time
/// those limits allow.
/// </summary>
internal static class RefreshBenchmark
{
    private const string Password = "violet-harbour-lantern-42";

    /// <summary>
    /// <c>core-refresh-seven [latencyMs]</c>: one connection per exchange (every exchange Keyfolio connects, the name
    /// kept from when there were seven), each answer delayed by the latency. For each connection: one round trip as a
    /// bare client sees it, the full refresh of that connection alone (median of 5) as a multiple of it, and the
    /// requests one refresh sends; then the refresh of all of them at once.
    /// </summary>
    public static async Task<int> SevenAsync(string[] args)
    {
        var latency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var config = SimulatorConfig.Demo();
        config.Faults.Clear();
        config.RateLimits.Enabled = false;
        foreach (var exchange in ExchangeIds.All)
        {
            config.Faults.Add(new SimulatorFault { Exchange = exchange.ToName(), LatencyMs = latency });
        }

        await using var simulator = await SimulatorHost.StartAsync(config);
        var labels = ExchangeIds.All.Select(e => config.Accounts.First(a => a.Exchange == e.ToName() && a.Label!.EndsWith(" main", StringComparison.Ordinal))).ToList();
        await using var core = await CoreUnderTest.StartAsync(simulator, respectRateLimits: false);
        foreach (var account in labels)
        {
            await core.AddAsync(account);
        }

        // A first pass reads every key's facts (once per process), warms the price cache and keeps the ids a later
        // call needs, as a running app has.
        await core.Sync.RefreshAllAsync(CancellationToken.None);
        using var bare = new HttpClient();
        var rows = new List<(string Label, TimeSpan RoundTrip, TimeSpan Refresh, long Requests)>();
        var views = await core.Connections.ListAsync(false, CancellationToken.None);
        foreach (var account in labels)
        {
            var exchange = account.Exchange;
            var roundTrips = new List<TimeSpan>();
            for (var run = 0; run < 5; run++)
            {
                var trip = Stopwatch.StartNew();
                using var answer = await bare.GetAsync(new Uri(simulator.BaseUrl(exchange), "/"));
                _ = await answer.Content.ReadAsByteArrayAsync();
                roundTrips.Add(trip.Elapsed);
            }

            var id = views.Single(v => v.Connection.Label == account.Label).Connection.Id;
            var refreshes = new List<TimeSpan>();
            long requests = 0;
            for (var run = 0; run < 5; run++)
            {
                simulator.Control.ResetCounters(exchange);
                var single = Stopwatch.StartNew();
                var outcome = await core.Sync.RefreshAsync(id, CancellationToken.None);
                refreshes.Add(single.Elapsed);
                requests = simulator.Control.GetCounters(exchange).Requests;
                if (outcome.Result != RefreshResult.Refreshed)
                {
                    throw new InvalidOperationException($"The refresh of {account.Label} did not succeed.");
                }
            }

            rows.Add((account.Label!, Median(roundTrips), Median(refreshes), requests));
        }

        var parallel = new List<TimeSpan>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            var outcomes = await core.Sync.RefreshAllAsync(CancellationToken.None);
            parallel.Add(watch.Elapsed);
            if (outcomes.Any(o => o.Result != RefreshResult.Refreshed))
            {
                throw new InvalidOperationException("A refresh did not succeed.");
            }
        }

        var oneTrip = Median(rows.Select(r => r.RoundTrip).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency per answer: {latency} ms; one round trip (bare client, median): {oneTrip.TotalMilliseconds:0} ms"));
        foreach (var (label, roundTrip, refresh, requests) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-14} parallel full refresh, median of 5: {refresh.TotalMilliseconds,4:0} ms = {refresh / roundTrip:0.00} x one round trip; {requests} requests per refresh"));
        }

        var median = Median(parallel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sequential (sum of the connections): {rows.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Refresh).TotalMilliseconds:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {rows.Count} connections: parallel full refresh, median of 5: {median.TotalMilliseconds:0} ms = {median / oneTrip:0.00} x one round trip; {rows.Sum(r => r.Requests)} requests per refresh"));
        return 0;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary><c>core-refresh-bulk [connections]</c>: connections spread evenly over the seven exchanges, rate limits on.</summary>
    public static async Task<int> BulkAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var config = new SimulatorConfig { Prices = SimulatorConfig.Demo().Prices };
        for (var i = 0; i < count; i++)
        {
            config.Accounts.Add(Account(ExchangeIds.All[i % ExchangeIds.All.Count], i));
        }

        await using var simulator = await SimulatorHost.StartAsync(config);
        await using var core = await CoreUnderTest.StartAsync(simulator, respectRateLimits: true);
        var seed = Stopwatch.StartNew();
        foreach (var account in config.Accounts)
        {
            await core.AddUncheckedAsync(account);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} connections stored in {seed.Elapsed.TotalSeconds:0.0} s"));
        foreach (var exchange in ExchangeIds.All)
        {
            simulator.Control.ResetCounters(exchange.ToName());
        }

        var before = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var outcomes = await core.Sync.RefreshAllAsync(CancellationToken.None);
        var elapsed = watch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refresh of {count}: {elapsed.TotalSeconds:0.0} s; refreshed {outcomes.Count(o => o.Result == RefreshResult.Refreshed)}, failed {outcomes.Count(o => o.Result == RefreshResult.Failed)}"));
        foreach (var failure in outcomes.Where(o => o.Result != RefreshResult.Refreshed).GroupBy(o => (o.Label.Split(' ')[0], o.Result, o.Diagnosis?.Category, o.Error?.Kind)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  not refreshed: {failure.Count()} × {failure.Key}"));
        }

        foreach (var exchange in ExchangeIds.All)
        {
            var counters = simulator.Control.GetCounters(exchange.ToName());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {exchange.ToName(),-9} requests {counters.Requests,6}  429 {counters.TooManyRequests}  418 {counters.Banned}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB; allocated during the refresh: {(GC.GetTotalAllocatedBytes() - before) / 1024 / 1024} MiB"));
        return 0;
    }

    /// <summary>The benchmarks' many-connection account: BTC and USDT, labelled by exchange and index.</summary>
    internal static SimulatorAccount Account(ExchangeId exchange, int index) =>
        SampleAccounts.Create(
            exchange,
            string.Create(CultureInfo.InvariantCulture, $"{exchange.ToName()} {index}"),
            string.Create(CultureInfo.InvariantCulture, $"{9_000_000 + index}"),
            ("BTC", 0.1m, 0m),
            ("USDT", 100m, 0m));

    /// <summary>The core wired as the hosts wire it, with every exchange routed to the simulator.</summary>
    private sealed class CoreUnderTest : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly string _directory;

        private CoreUnderTest(ServiceProvider provider, string directory)
        {
            _provider = provider;
            _directory = directory;
        }

        public ConnectionService Connections => _provider.GetRequiredService<ConnectionService>();

        public SyncService Sync => _provider.GetRequiredService<SyncService>();

        public static async Task<CoreUnderTest> StartAsync(SimulatorHost simulator, bool respectRateLimits)
        {
            var directory = Directory.CreateTempSubdirectory("keyfolio-bench-").FullName;
            var options = new KeyfolioCoreOptions
            {
                DataDirectory = directory,
                Vault = new VaultOptions { Kdf = KdfParameters.Floor },
                Exchanges = new ExchangeClientOptions { RespectRateLimits = respectRateLimits, MaxRateLimitWait = TimeSpan.FromSeconds(15) },
            };
            foreach (var exchange in ExchangeIds.All)
            {
                options.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
            }

            var provider = new ServiceCollection().AddKeyfolioCore(options).BuildServiceProvider();
            await provider.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
            await provider.GetRequiredService<VaultAccess>().CreateAsync(Password, withRecoveryKey: false, CancellationToken.None);
            return new CoreUnderTest(provider, directory);
        }

        public async Task AddAsync(SimulatorAccount account)
        {
            ExchangeIds.TryParse(account.Exchange, out var exchange);
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
            var added = await _provider.GetRequiredService<AddConnectionCommand>().AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials), CancellationToken.None);
            if (!added.IsSuccess)
            {
                throw new InvalidOperationException(added.Error.ToString());
            }
        }

        /// <summary>Stores a connection as a person would, keeping it even when the seeding itself is rate limited.</summary>
        public async Task AddUncheckedAsync(SimulatorAccount account)
        {
            ExchangeIds.TryParse(account.Exchange, out var exchange);
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
            var added = await _provider.GetRequiredService<AddConnectionCommand>().AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials) { KeepWhenRefused = true }, CancellationToken.None);
            if (!added.IsSuccess)
            {
                throw new InvalidOperationException(added.Error.ToString());
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _provider.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
