using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Keyfolio.Benchmarks.Web;
using Keyfolio.Core.Access;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Benchmarks.Soak;

/// <summary>
/// <c>soak MINUTES CONNECTIONS</c>: the web app (Kestrel on loopback, its scheduler running, the vault unlocked and its
/// idle lock off) against the in-process simulator with that many connections, each refreshed every minute, with faults
/// on: added latency on every exchange, a share of 5xx answers, a rotating twentieth of the keys answered 429, and one
/// key revoked at half time. Samples the process (working set, GC heap, open handles, threads) after seeding and every
/// ten minutes, counts the scheduler's outcomes and the unhandled exceptions, and reports each figure's growth per hour
/// after the ten-minute warm-up. Exits non-zero after an unhandled exception or when nothing was refreshed.
/// </summary>
internal static class SoakBenchmark
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(10);
    private static readonly ExchangeId[] Exchanges = [ExchangeId.Binance, ExchangeId.Okx, ExchangeId.Gate, ExchangeId.Bitfinex, ExchangeId.HitBtc];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2
            || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var minutes) || minutes < 1
            || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var connections) || connections < 1)
        {
            await Console.Error.WriteLineAsync("usage: soak MINUTES CONNECTIONS");
            return 2;
        }

        var unhandled = 0L;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Interlocked.Increment(ref unhandled);
            Console.Error.WriteLine($"UNHANDLED exception: {(e.ExceptionObject as Exception)?.GetType().FullName}");
        };
        TaskScheduler.UnobservedTaskException += (_, e) =>
        {
            Interlocked.Increment(ref unhandled);
            Console.Error.WriteLine($"UNOBSERVED task exception: {e.Exception.InnerException?.GetType().FullName}");
        };

        var config = SimulatorConfig.Demo();
        config.Accounts.Clear();
        config.Faults.Clear();
        config.RateLimits.Enabled = false;
        for (var i = 0; i < connections; i++)
        {
            config.Accounts.Add(WebBenchmark.Account(Exchanges[i % Exchanges.Length], i));
        }

        await using var simulator = await SimulatorHost.StartAsync(config);
        var directory = Directory.CreateTempSubdirectory("keyfolio-soak-").FullName;
        var logs = new LogTally();
        var app = KeyfolioWebApp.Build(
            new KeyfolioWebOptions
            {
                Urls = ["http://127.0.0.1:0"],
                DataDirectory = directory,
                ConfigureCore = core =>
                {
                    core.Vault.Kdf = KdfParameters.Floor;
                    core.Vault.IdleTimeout = Timeout.InfiniteTimeSpan;
                    core.DefaultSyncInterval = TimeSpan.FromMinutes(1);
                    core.Exchanges.MaxRateLimitWait = TimeSpan.FromMinutes(10);
                    foreach (var exchange in ExchangeIds.All)
                    {
                        core.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
                    }
                },
            },
            web =>
            {
                web.Logging.ClearProviders();
                web.Logging.AddProvider(logs);
            });
        var outcomes = new long[Enum.GetValues<RefreshResult>().Length];
        app.Services.GetRequiredService<SyncScheduler>().PassCompleted += (_, pass) =>
        {
            foreach (var outcome in pass)
            {
                Interlocked.Increment(ref outcomes[(int)outcome.Result]);
            }
        };

        await app.StartAsync();
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak {minutes} min, {connections} connections; {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
            var seedClock = Stopwatch.StartNew();
            await WebBenchmark.SeedAsync(app.Services, config);
            var unlocked = await app.Services.GetRequiredService<VaultAccess>().UnlockAsync(WebBenchmark.Password, CancellationToken.None);
            if (!unlocked.IsSuccess)
            {
                throw new InvalidOperationException(unlocked.Error.ToString());
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections} connections added in {seedClock.Elapsed.TotalMinutes:0.0} min; faults on, sampling"));
            var round = 0;
            ApplyFaults(simulator.Control, config, round);

            var probe = new Probe(simulator.Control, outcomes, logs, () => Interlocked.Read(ref unhandled));
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromMinutes(minutes);
            var half = end / 2;
            var revoked = false;
            var nextSample = SampleEvery;
            var samples = new List<SoakSample> { probe.Take(clock.Elapsed) };
            Console.WriteLine(SoakSample.Header);
            Console.WriteLine(samples[^1].Row(samples[0]));
            while (clock.Elapsed < end)
            {
                var next = new[] { nextSample, end, revoked ? end : half }.Min();
                if (next > clock.Elapsed)
                {
                    await Task.Delay(next - clock.Elapsed);
                }

                if (!revoked && clock.Elapsed >= half)
                {
                    var victim = config.Accounts[0];
                    simulator.Control.RevokeKey(victim.Exchange, victim.ApiKey);
                    revoked = true;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minute {clock.Elapsed.TotalMinutes:0.0}: the key of \"{victim.Label}\" revoked"));
                }

                if (clock.Elapsed >= nextSample && nextSample < end)
                {
                    samples.Add(probe.Take(clock.Elapsed));
                    Console.WriteLine(samples[^1].Row(samples[0]));
                    ApplyFaults(simulator.Control, config, ++round);
                    nextSample += SampleEvery;
                }
            }

            samples.Add(probe.Take(clock.Elapsed));
            Console.WriteLine(samples[^1].Row(samples[0]));
            Report(samples, connections, logs);
            var refreshed = samples[^1].Refreshed - samples[0].Refreshed;
            return Interlocked.Read(ref unhandled) == 0 && refreshed > 0 ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Every exchange answers 40–200 ms late and 3 % of its requests with a 500; the keys of one connection in twenty
    /// (a different twentieth each round) are answered 429 with a 30-second Retry-After.
    /// </summary>
    private static void ApplyFaults(SimulatorControl control, SimulatorConfig config, int round)
    {
        control.ClearAllFaults();
        foreach (var exchange in Exchanges)
        {
            var name = exchange.ToName();
            control.SetFault(new SimulatorFault { Exchange = name, LatencyMs = 40, JitterMs = 160, ErrorRate = 0.03 });
            var throttled = config.Accounts
                .Where((account, index) => account.Exchange == name && (index / Exchanges.Length + round) % 20 == 0)
                .Select(account => account.ApiKey)
                .ToList();
            if (throttled.Count > 0)
            {
                control.SetFault(new SimulatorFault { Exchange = name, ApiKeys = throttled, LatencyMs = 40, JitterMs = 160, ForcedStatus = 429, RetryAfterSeconds = 30 });
            }
        }
    }

    private static void Report(List<SoakSample> samples, int connections, LogTally logs)
    {
        var first = samples[0];
        var last = samples[^1];
        var minutes = last.Minute - first.Minute;
        var refreshed = last.Refreshed - first.Refreshed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"syncs over {minutes:0.0} min: {refreshed} refreshed ({refreshed / minutes:0.0} a minute for {connections} connections), {last.Failed - first.Failed} failed, {last.Skipped - first.Skipped} skipped, {last.Deferred - first.Deferred} deferred; simulator requests {last.SimulatorRequests - first.SimulatorRequests} ({last.SimulatorTooMany - first.SimulatorTooMany} answered 429)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server log: {logs.Warnings} warnings, {logs.Errors} errors"));
        foreach (var (kind, count) in logs.ErrorKinds.OrderByDescending(k => k.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  error {count}x: {kind}"));
        }

        // Growth is measured from the ten-minute sample on (the first ten minutes are the warm-up); a run too short to
        // have two samples after it is measured from the start.
        var after = samples.Where(s => s.Minute >= SampleEvery.TotalMinutes - 0.5).ToList();
        var warmUpEnd = after.Count >= 2 ? after[0] : first;
        if (after.Count < 2)
        {
            after = samples;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"growth per hour after warm-up (least-squares slope over the {after.Count} samples from minute {warmUpEnd.Minute:0.0}, as a share of that sample's value):"));
        foreach (var (name, figure) in SoakSample.Figures)
        {
            var slopePerHour = Slope(after, figure) * 60;
            var baseline = figure(warmUpEnd);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-22} {slopePerHour,10:+0.0;-0.0;0.0} per hour = {(baseline == 0 ? 0 : slopePerHour / baseline * 100),6:+0.0;-0.0;0.0} %/h (from {baseline:0.0} to {figure(last):0.0})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unhandled exceptions: {last.Unhandled}"));
    }

    private static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> figure)
    {
        var meanX = samples.Average(s => s.Minute);
        var meanY = samples.Average(figure);
        var covariance = samples.Sum(s => (s.Minute - meanX) * (figure(s) - meanY));
        var variance = samples.Sum(s => (s.Minute - meanX) * (s.Minute - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }

    private sealed class Probe(SimulatorControl control, long[] outcomes, LogTally logs, Func<long> unhandled)
    {
        public SoakSample Take(TimeSpan elapsed)
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var handles = Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : process.HandleCount;
            var counters = Exchanges.Select(e => control.GetCounters(e.ToName())).ToList();
            return new SoakSample(
                elapsed.TotalMinutes,
                process.WorkingSet64 / 1048576.0,
                GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,
                GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
                handles,
                process.Threads.Count,
                Interlocked.Read(ref outcomes[(int)RefreshResult.Refreshed]),
                Interlocked.Read(ref outcomes[(int)RefreshResult.Failed]),
                Interlocked.Read(ref outcomes[(int)RefreshResult.Skipped]),
                Interlocked.Read(ref outcomes[(int)RefreshResult.Deferred]),
                counters.Sum(c => c.Requests),
                counters.Sum(c => c.TooManyRequests),
                logs.Errors,
                unhandled());
        }
    }
}
