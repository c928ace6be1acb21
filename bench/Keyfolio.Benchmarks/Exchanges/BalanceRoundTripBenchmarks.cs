using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Benchmarks.Exchanges;

/// <summary>
/// One Gate balance read against the simulator on loopback: through the connector (format check, clock, budgets,
/// resilience pipeline, signing, classification, parsing into balances) and as a bare <see cref="HttpClient"/> GET of the
/// same endpoint signed inline with the fewest possible steps. The difference is the connector's overhead per call.
/// </summary>
[MemoryDiagnoser]
public class BalanceRoundTripBenchmarks
{
    private const string ApiKey = "0123456789abcdef0123456789abcdef";
    private const string Secret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private static readonly string EmptyBodyHash = Convert.ToHexStringLower(SHA512.HashData([]));

    private SimulatorHost _simulator = null!;
    private HttpClient _http = null!;
    private IExchangeConnector _gate = null!;
    private ExchangeAccount _account = null!;
    private Uri _balances = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var config = $$"""
            {
              "accounts": [{ "exchange": "gate", "apiKey": "{{ApiKey}}", "secret": "{{Secret}}", "permissions": ["read"],
                             "balances": [{ "wallet": "spot", "asset": "BTC", "free": "0.5", "locked": "0.1" },
                                          { "wallet": "spot", "asset": "USDT", "free": "1200", "locked": "0" }] }],
              "prices": { "BTC": "65000" },
              "rateLimits": { "enabled": false }
            }
            """;
        _simulator = await SimulatorHost.StartAsync(SimulatorConfig.Parse(config));
        var baseUrl = _simulator.BaseUrl("gate");
        _balances = new Uri(baseUrl, "/api/v4/spot/accounts");
        _http = new HttpClient();
        var options = new ExchangeClientOptions { RespectRateLimits = false, StateDirectory = Path.GetTempPath() };
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Gate, BaseUrl = baseUrl });
        _gate = ExchangeConnectors.Create(options, _http)[ExchangeId.Gate];
        _account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate), new ExchangeCredentials(ApiKey, Secret), "benchmark");
        if (!(await _gate.GetBalancesAsync(_account, CancellationToken.None)).IsSuccess || !(await BareGetAsync()).IsSuccessStatusCode)
        {
            throw new InvalidOperationException("The simulator did not answer the balance read.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _account.Credentials.Dispose();
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareHttpClientGetAsync()
    {
        using var response = await BareGetAsync();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark]
    public async Task<int> ConnectorBalanceReadAsync() =>
        (await _gate.GetBalancesAsync(_account, CancellationToken.None)).Value!.Balances.Count;

    private Task<HttpResponseMessage> BareGetAsync()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = "GET\n/api/v4/spot/accounts\n\n" + EmptyBodyHash + "\n" + timestamp;
        using var request = new HttpRequestMessage(HttpMethod.Get, _balances);
        request.Headers.Add("KEY", ApiKey);
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("SIGN", Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(signed))));
        return _http.SendAsync(request);
    }
}
