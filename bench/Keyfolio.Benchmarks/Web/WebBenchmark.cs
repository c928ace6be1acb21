using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;
using Keyfolio.Benchmarks.Support;
using Keyfolio.Simulator;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Benchmarks.Web;

/// <summary>
/// <c>web [connections] [seconds] [rate]</c>: the web app on loopback with that many connections (default 50) against the
/// simulator. Measures the server's time per page for My Exchanges (its cards, its list, the list grouped by exchange and
/// sorted by status) and Portfolio (median and p95 of 200 requests
/// each, after a warm-up), then drives <c>GET /api/portfolio</c> at a fixed rate (default 200 a second) for the given
/// time (default 10 s), open loop, and reports the latency seen by the client (p50, p99).
/// </summary>
internal static class WebBenchmark
{
    internal const string Password = "violet-harbour-lantern-42";
    private const int PageRequests = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var config = SimulatorConfig.Demo();
        config.Accounts.Clear();
        config.Faults.Clear();
        config.RateLimits.Enabled = false;
        var exchanges = new[] { ExchangeId.Binance, ExchangeId.Okx, ExchangeId.Gate, ExchangeId.Bitfinex, ExchangeId.HitBtc };
        for (var i = 0; i < connections; i++)
        {
            config.Accounts.Add(Account(exchanges[i % exchanges.Length], i));
        }

        await using var simulator = await SimulatorHost.StartAsync(config);
        var directory = Directory.CreateTempSubdirectory("keyfolio-web-bench-").FullName;
        var timings = new ServerTimings();
        var app = KeyfolioWebApp.Build(
            new KeyfolioWebOptions
            {
                Urls = ["http://127.0.0.1:0"],
                DataDirectory = directory,
                ConfigureCore = core =>
                {
                    core.Vault.Kdf = KdfParameters.Floor;

                    // Hundreds of keys are added one after another: Keyfolio keeps to each exchange's request budget
                    // (Bitfinex's authenticated calls are the tightest), waiting for it rather than refusing.
                    core.Exchanges.MaxRateLimitWait = TimeSpan.FromMinutes(10);
                    foreach (var exchange in ExchangeIds.All)
                    {
                        core.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
                    }
                },
            },
            web => web.Services.AddSingleton<IStartupFilter>(timings));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            await SeedAsync(app.Services, config);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 256 }) { BaseAddress = address };
            var cookies = await SignInAsync(http);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections} connections on {address}; {Environment.ProcessorCount} cores"));

            // What every page of My Exchanges reads before it renders: the connections with their status, findings and
            // latest holdings, without HTTP or rendering.
            var service = app.Services.GetRequiredService<ConnectionService>();
            var reads = new List<double>();
            for (var i = 0; i < 60; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await service.ListAsync(vaultLockApplies: true, CancellationToken.None);
                if (i >= 10)
                {
                    reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            reads.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"reading the connections (no page)",-48} median {Percentile(reads, 0.50):0.0} ms, p95 {Percentile(reads, 0.95):0.0} ms ({reads.Count} reads)"));

            foreach (var path in new[] { "/exchanges?view=cards", "/exchanges?view=list", "/exchanges?view=list&group=exchange&sort=status", "/portfolio" })
            {
                for (var warm = 0; warm < 20; warm++)
                {
                    await GetAsync(http, cookies, path);
                }

                var timed = path.Split('?')[0];
                timings.Take(timed);
                for (var i = 0; i < PageRequests; i++)
                {
                    await GetAsync(http, cookies, path);
                }

                var server = timings.Take(timed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path,-48} server time per page: median {Percentile(server, 0.50):0.0} ms, p95 {Percentile(server, 0.95):0.0} ms, p99 {Percentile(server, 0.99):0.0} ms ({server.Count} requests)"));
            }

            for (var warm = 0; warm < 200; warm++)
            {
                await GetAsync(http, cookies, "/api/portfolio");
            }

            timings.Take("/api/portfolio");
            var (latencies, failures, elapsed) = await OpenLoopAsync(http, cookies, "/api/portfolio", rate, TimeSpan.FromSeconds(seconds));
            var serverApi = timings.Take("/api/portfolio");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"/api/portfolio at {rate}/s for {seconds} s: {latencies.Count} answered in {elapsed.TotalSeconds:0.0} s ({latencies.Count / elapsed.TotalSeconds:0} /s), {failures} failed; client latency p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms; server time p50 {Percentile(serverApi, 0.50):0.0} ms, p99 {Percentile(serverApi, 0.99):0.0} ms"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> OpenLoopAsync(HttpClient http, string cookies, string path, int rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var requests = new List<Task>();
        var total = (int)(rate * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            // Each request leaves at its scheduled time whether or not earlier ones have answered (open loop).
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            requests.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await GetAsync(http, cookies, path);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(requests);
        return ([.. latencies.Order()], failures, clock.Elapsed);
    }

    private static async Task GetAsync(HttpClient http, string cookies, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Signs in as a browser on loopback would, keeping the cookies by hand (they are Secure, and .NET's cookie
    /// container sends Secure cookies over https only).</summary>
    private static async Task<string> SignInAsync(HttpClient http)
    {
        using var tokenResponse = await http.GetAsync("/api/antiforgery");
        var antiforgeryCookie = CookiePairs(tokenResponse).Single();
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        using var unlock = new HttpRequestMessage(HttpMethod.Post, "/api/vault/unlock") { Content = JsonContent.Create(new { password = Password }) };
        unlock.Headers.Add("Cookie", antiforgeryCookie);
        unlock.Headers.Add(token.RootElement.GetProperty("headerName").GetString()!, token.RootElement.GetProperty("token").GetString());
        using var unlocked = await http.SendAsync(unlock);
        unlocked.EnsureSuccessStatusCode();
        return string.Join("; ", CookiePairs(unlocked).Append(antiforgeryCookie));
    }

    private static IEnumerable<string> CookiePairs(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    internal static async Task SeedAsync(IServiceProvider services, SimulatorConfig config)
    {
        var vault = services.GetRequiredService<VaultAccess>();
        await vault.CreateAsync(Password, withRecoveryKey: false, CancellationToken.None);
        var connections = services.GetRequiredService<AddConnectionCommand>();
        var seeded = 0;
        foreach (var account in config.Accounts)
        {
            ExchangeIds.TryParse(account.Exchange, out var exchange);
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
            var added = await connections.AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials), CancellationToken.None);

            // Seeding is not what is measured: a key the busy machine's simulator did not answer in time is added again.
            for (var retry = 0; retry < 3 && added is { IsSuccess: false, Error.Kind: CoreErrorKind.ExchangeUnavailable or CoreErrorKind.VerificationFailed }; retry++)
            {
                added = await connections.AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials), CancellationToken.None);
            }

            if (!added.IsSuccess)
            {
                throw new InvalidOperationException(added.Error.ToString());
            }

            if (++seeded % 100 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seeded} of {config.Accounts.Count} connections added"));
            }
        }

        await vault.LockAsync();
    }

    internal static SimulatorAccount Account(ExchangeId exchange, int index) =>
        SampleAccounts.Create(
            exchange,
            string.Create(CultureInfo.InvariantCulture, $"{exchange.ToName()} {index + 1}"),
            string.Create(CultureInfo.InvariantCulture, $"{8_000_000 + index}"),
            ("BTC", 0.1m + index / 1000m, 0m),
            ("ETH", 1.5m, 0m),
            ("USDT", 250m, 10m));

    private static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
