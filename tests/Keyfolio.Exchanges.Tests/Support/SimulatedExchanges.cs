using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keyfolio.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>
/// The simulator, started in-process on free loopback ports with accounts on every exchange, and the
/// connectors wired through <c>AddKeyfolioExchanges</c> with every exchange routed to it by host overrides. Every log
/// line (the HttpClient factory's included), every signature sent and every diagnosis returned is kept for the
/// canary checks.
/// </summary>
internal sealed class SimulatedExchanges : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Labels = ["main", "second", "ip-locked", "expired", "no-rights", "withdraw", "revoked"];

    private readonly ServiceProvider _services;

    private SimulatedExchanges(SimulatorHost simulator, ServiceProvider services, CapturingLoggerProvider logs, SignatureCapture signatures, string stateDirectory)
    {
        Observer = services.GetRequiredService<RecordingObserver>();
        Simulator = simulator;
        _services = services;
        Logs = logs;
        Signatures = signatures;
        StateDirectory = stateDirectory;
        Connectors = services.GetRequiredService<ExchangeConnectors>();
    }

    public SimulatorHost Simulator { get; }

    public SimulatorControl Control => Simulator.Control;

    public ExchangeConnectors Connectors { get; }

    public CapturingLoggerProvider Logs { get; }

    public SignatureCapture Signatures { get; }

    public string StateDirectory { get; }

    public RecordingObserver Observer { get; }

    public ConcurrentQueue<Diagnosis> Diagnoses { get; } = new();

    public static async Task<SimulatedExchanges> StartAsync(
        Action<JsonObject>? editConfig = null,
        Action<ExchangeClientOptions>? options = null,
        SimulatorHostOptions? hostOptions = null)
    {
        var config = Config();
        editConfig?.Invoke(config);
        var simulator = await SimulatorHost.StartAsync(SimulatorConfig.Parse(config.ToJsonString()), hostOptions);
        var logs = new CapturingLoggerProvider();
        var signatures = new SignatureCapture();
        var stateDirectory = Path.Combine(Path.GetTempPath(), "keyfolio-exchanges-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddKeyfolioExchanges(o =>
        {
            o.StateDirectory = stateDirectory;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            foreach (var exchange in ExchangeIds.All)
            {
                o.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
            }

            o.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Binance, Region = "us", BaseUrl = simulator.BaseUrl("binance-us") });
            o.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Okx, Region = "eea", BaseUrl = simulator.BaseUrl("okx-eea") });
            o.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Okx, Region = "us", BaseUrl = simulator.BaseUrl("okx-us") });
            options?.Invoke(o);
        });
        services.AddHttpClient(ServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => signatures);
        services.AddSingleton<RecordingObserver>();
        services.AddSingleton<IExchangeCallObserver>(provider => provider.GetRequiredService<RecordingObserver>());
        return new SimulatedExchanges(simulator, services.BuildServiceProvider(), logs, signatures, stateDirectory);
    }

    /// <summary>Every account of the test configuration: per exchange one per label, with balances in each wallet the exchange has.</summary>
    public static JsonObject Config()
    {
        var accounts = new JsonArray();
        var uid = 7000;
        foreach (var exchange in ExchangeIds.All)
        {
            foreach (var label in Labels)
            {
                accounts.Add(Account(TestKey.For(exchange, label), uid++));
            }
        }

        var demo = Account(TestKey.For(ExchangeId.Okx, "demo"), uid++);
        demo["environment"] = "demo";
        accounts.Add(demo);
        var eea = Account(TestKey.For(ExchangeId.Okx, "eea"), uid++);
        eea["region"] = "eea";
        accounts.Add(eea);
        var us = Account(TestKey.For(ExchangeId.Binance, "us"), uid);
        us["region"] = "us";
        accounts.Add(us);
        return new JsonObject
        {
            ["accounts"] = accounts,
            ["prices"] = new JsonObject { ["BTC"] = "65000", ["ETH"] = "3200", ["USDT"] = "1", ["USDC"] = "1" },
        };
    }

    public static JsonObject Account(TestKey key, int uid, JsonArray? balances = null) => new()
    {
        ["exchange"] = key.Exchange.ToName(),
        ["apiKey"] = key.ApiKey,
        ["secret"] = key.Secret,
        ["passphrase"] = key.Passphrase,
        ["label"] = key.Label,
        ["uid"] = uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["permissions"] = key.Label switch
        {
            "no-rights" => new JsonArray(),
            "withdraw" => new JsonArray("read", "spot", "withdraw", "transfer"),
            // HitBTC shows the wallet balance only to keys with "Payment information", a read-type right it counts as transfer.
            _ when key.Exchange == ExchangeId.HitBtc && key.Label == "main" => new JsonArray("read", "transfer"),
            _ => new JsonArray("read"),
        },
        ["ipWhitelist"] = key.Label == "ip-locked" ? new JsonArray("203.0.113.9") : new JsonArray(),
        ["createdAt"] = "2026-01-05T00:00:00Z",
        ["expiresAt"] = key.Label == "expired" ? "now-1d" : null,
        ["balances"] = balances ?? Balances(key.Exchange),
    };

    /// <summary>BTC in the spot wallet (free and locked) and USDT in the exchange's other wallet, under its own wallet names.</summary>
    public static JsonArray Balances(ExchangeId exchange)
    {
        var (spot, other) = ExpectedWallets(exchange);
        var balances = new JsonArray(Balance(spot.Name, "BTC", "0.5", "0.125"), Balance(spot.Name, "ETH", "2.75", "0"));
        if (other is { } second)
        {
            balances.Add(Balance(second.Name, "USDT", "150.5", "0"));
        }

        return balances;
    }

    /// <summary>The simulator's wallet names and the wallet kinds the connector reports them as.</summary>
    public static ((string Name, WalletKind Kind) Spot, (string Name, WalletKind Kind)? Other) ExpectedWallets(ExchangeId exchange) => exchange switch
    {
        ExchangeId.Binance => (("spot", WalletKind.Spot), ("funding", WalletKind.Funding)),
        ExchangeId.Okx => (("spot", WalletKind.Trading), ("funding", WalletKind.Funding)),
        ExchangeId.Htx => (("spot", WalletKind.Spot), ("otc", WalletKind.Funding)),
        ExchangeId.Bitfinex => (("exchange", WalletKind.Spot), ("funding", WalletKind.Funding)),
        ExchangeId.HitBtc => (("spot", WalletKind.Spot), ("wallet", WalletKind.Funding)),
        ExchangeId.Kraken => (("spot", WalletKind.Spot), ("auto-earn", WalletKind.Earn)),
        ExchangeId.Bybit => (("unified", WalletKind.Trading), ("funding", WalletKind.Funding)),
        ExchangeId.Kucoin => (("trade", WalletKind.Spot), ("main", WalletKind.Funding)),
        ExchangeId.Coinbase => (("spot", WalletKind.Spot), ("vault", WalletKind.Funding)),
        _ => (("spot", WalletKind.Spot), null),
    };

    public ExchangeAccount Account(ExchangeId exchange, string label, ExchangeEndpoint? endpoint = null) =>
        new(endpoint ?? new ExchangeEndpoint(exchange), TestKey.For(exchange, label).Credentials(), exchange.ToName() + "/" + label);

    public IExchangeConnector this[ExchangeId exchange] => Connectors[exchange];

    /// <summary>Keeps a result's diagnosis for the canary checks and returns the result.</summary>
    public ExchangeResult<T> Keep<T>(ExchangeResult<T> result)
    {
        if (result.Diagnosis is { } diagnosis)
        {
            Diagnoses.Enqueue(diagnosis);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private static JsonObject Balance(string wallet, string asset, string free, string locked) =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };
}
