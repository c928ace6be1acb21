using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Simulator;

namespace Keyfolio.Benchmarks.Simulator;

/// <summary>
/// Signed balance requests per second the simulator answers on loopback, faults off and limits off:
/// concurrent clients sign Binance, OKX and Gate balance requests for a fixed time and count the 200s.
/// </summary>
public static class SimulatorThroughput
{
    private const string Config = """
        {
          "accounts": [
            { "exchange": "binance", "apiKey": "BenchBinanceKey0000000000000000000000000000000000000000000000000", "secret": "bench-binance-secret", "balances": [ { "asset": "BTC", "free": "1" } ] },
            { "exchange": "okx", "apiKey": "bench-okx-key", "secret": "BENCHOKXSECRET", "passphrase": "Bench-Pass1!", "balances": [ { "asset": "BTC", "free": "1" } ] },
            { "exchange": "gate", "apiKey": "bench-gate-key", "secret": "bench-gate-secret", "balances": [ { "asset": "BTC", "free": "1" } ] }
          ],
          "prices": { "BTC": "65000" },
          "rateLimits": { "enabled": false }
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        await using var host = await SimulatorHost.StartAsync(SimulatorConfig.Parse(Config));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler);
        var builders = new Func<HttpRequestMessage>[]
        {
            () => Binance(host.BaseUrl("binance")),
            () => Okx(host.BaseUrl("okx")),
            () => Gate(host.BaseUrl("gate")),
        };

        // Warm-up: connections, JIT and tiered compilation.
        await LoadAsync(http, builders, clients, TimeSpan.FromSeconds(3));
        var (ok, failed, elapsed) = await LoadAsync(http, builders, clients, TimeSpan.FromSeconds(seconds));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Signed balance requests (Binance, OKX, Gate in turn), {clients} concurrent clients, {seconds} s, faults off, limits off"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  answered 200: {ok}, other: {failed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput: {ok / elapsed.TotalSeconds:F0} requests/s"));
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(long Ok, long Failed, TimeSpan Elapsed)> LoadAsync(HttpClient http, Func<HttpRequestMessage>[] builders, int clients, TimeSpan duration)
    {
        long ok = 0;
        long failed = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var turn = worker;
            while (watch.Elapsed < duration)
            {
                using var request = builders[turn++ % builders.Length]();
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (ok, failed, watch.Elapsed);
    }

    private static HttpRequestMessage Binance(Uri origin)
    {
        var query = "timestamp=" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "&recvWindow=5000";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData("bench-binance-secret"u8, Encoding.UTF8.GetBytes(query)));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/api/v3/account?" + query + "&signature=" + signature));
        request.Headers.Add("X-MBX-APIKEY", "BenchBinanceKey0000000000000000000000000000000000000000000000000");
        return request;
    }

    private static HttpRequestMessage Okx(Uri origin)
    {
        var timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData("BENCHOKXSECRET"u8, Encoding.UTF8.GetBytes(timestamp + "GET/api/v5/account/balance")));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/api/v5/account/balance"));
        request.Headers.Add("OK-ACCESS-KEY", "bench-okx-key");
        request.Headers.Add("OK-ACCESS-SIGN", signature);
        request.Headers.Add("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.Add("OK-ACCESS-PASSPHRASE", "Bench-Pass1!");
        return request;
    }

    private static HttpRequestMessage Gate(Uri origin)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bodyHash = Convert.ToHexStringLower(SHA512.HashData([]));
        var signature = Convert.ToHexStringLower(HMACSHA512.HashData("bench-gate-secret"u8, Encoding.UTF8.GetBytes($"GET\n/api/v4/spot/accounts\n\n{bodyHash}\n{timestamp}")));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/api/v4/spot/accounts"));
        request.Headers.Add("KEY", "bench-gate-key");
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("SIGN", signature);
        return request;
    }
}
