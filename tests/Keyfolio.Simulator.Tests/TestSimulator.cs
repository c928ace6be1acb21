using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;
using Keyfolio.Testing;

namespace Keyfolio.Simulator.Tests;

/// <summary>
/// A simulator started in-process on free loopback ports with the test configuration, its clock held by
/// the test at the instant the signing vectors were computed for (2023-11-14T22:13:20.123Z).
/// </summary>
public sealed class TestSimulator : IAsyncDisposable
{
    public static readonly DateTimeOffset VectorInstant = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123);

    public static readonly IReadOnlyList<string> Exchanges = ["binance", "okx", "htx", "bitfinex", "hitbtc", "gate", "bittrex", "kraken", "bybit", "kucoin", "coinbase"];

    private static readonly Dictionary<string, TestKey> MainKeys = new(StringComparer.Ordinal)
    {
        ["binance"] = new("binance", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"),
        ["okx"] = new("okx", "OKX-KEY", "22582BD0CFF14C41EDBF1AB98506286D", "Passphrase1!"),
        ["htx"] = new("htx", "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx"),
        ["bitfinex"] = new("bitfinex", "BFX-KEY", "BFX-SECRET"),
        ["hitbtc"] = new("hitbtc", "HITBTC-KEY", "HITBTC-SECRET"),
        ["gate"] = new("gate", "key", "secret"),
        ["bittrex"] = new("bittrex", "BITTREX-KEY", "BITTREX-TEST-SECRET"),

        // Kraken's published example key pair (support article 360029054811; docs "Spot REST Authentication").
        ["kraken"] = new("kraken", "CJbfPw4tnbf/9en/ZmpewCTKEwmmzO18LXZcHQcu7HPLWre4l8+V9I3y", "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="),
        ["bybit"] = new("bybit", "KEYFOLIOTEST000001", "KeyfolioSyntheticSecretNotReal000001"),
        // KuCoin's published sample key and secret, with the passphrase of vectors.json.
        ["kucoin"] = new("kucoin", "5c2db93503aa674c74a31734", "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3", "kf-Passphrase7"),
        // The throw-away key of vectors-coinbase.json (key name and SEC1 PEM private key).
        ["coinbase"] = new("coinbase", "organizations/9f3c1a2e-5b7d-4e8f-a1b2-c3d4e5f60718/apiKeys/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIK+p6aG5UBJBhOcnUxk0B2LcccQB6vySTYi/AcahdUndoAoGCCqGSM49\nAwEHoUQDQgAEyN2V3yYX2W4e6FOLjdTgoM9TxkLsyDDLSLMrfrwEgGgjeLVSWiAP\nzaDXTkI7NNoAx4y/VqeVJdgw/bbs2OJn2A==\n-----END EC PRIVATE KEY-----\n"),
    };

    private TestSimulator(SimulatorHost host, ManualTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatorHost Host { get; }

    public ManualTimeProvider Time { get; }

    public HttpClient Http { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public static TestKey Key(string exchange) => MainKeys[exchange];

    /// <summary>A key of the same exchange whose whitelist holds only 203.0.113.9.</summary>
    public static TestKey IpLockedKey(string exchange) => Variant(exchange, "IP");

    /// <summary>A key of the same exchange that expired the day before the test instant.</summary>
    public static TestKey ExpiredKey(string exchange) => Variant(exchange, "EX");

    /// <summary>A key of the same exchange with no rights at all.</summary>
    public static TestKey NoRightsKey(string exchange) => Variant(exchange, "NR");

    public static JsonObject Config()
    {
        var accounts = new JsonArray();
        var uid = 100;
        foreach (var exchange in Exchanges)
        {
            var main = Key(exchange);
            accounts.Add(Account(main, "main", ["read"], uid++, null, null, exchange == "htx" ? "123456" : null));
            accounts.Add(Account(IpLockedKey(exchange), "ip-locked", ["read"], uid++, "203.0.113.9", null, null));
            accounts.Add(Account(ExpiredKey(exchange), "expired", ["read"], uid++, null, "now-1d", null));
            accounts.Add(Account(NoRightsKey(exchange), "no-rights", [], uid++, null, null, null));
        }

        return new JsonObject
        {
            ["accounts"] = accounts,
            ["prices"] = new JsonObject { ["BTC"] = "65000", ["ETH"] = "3200", ["USDT"] = "1" },
        };
    }

    public static async Task<TestSimulator> StartAsync(Action<JsonObject>? edit = null)
    {
        var config = Config();
        edit?.Invoke(config);
        var time = new ManualTimeProvider(VectorInstant);
        var host = await SimulatorHost.StartAsync(SimulatorConfig.Parse(config.ToJsonString()), new SimulatorHostOptions { TimeProvider = time });
        return new TestSimulator(host, time);
    }

    /// <summary>Started on the host's own clock, for clients that sign with the real time.</summary>
    public static Task<SimulatorHost> StartOnSystemClockAsync(Action<JsonObject>? edit = null)
    {
        var config = Config();
        edit?.Invoke(config);
        return SimulatorHost.StartAsync(SimulatorConfig.Parse(config.ToJsonString()));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Http.SendAsync(request);

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendJsonAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>The balances every test account holds, in the exchange's own wallet kinds.</summary>
    public static JsonArray Balances(string exchange)
    {
        var (spot, other) = exchange switch
        {
            "bitfinex" => ("exchange", "funding"),
            "htx" => ("spot", "otc"),
            "hitbtc" => ("spot", "wallet"),
            "bybit" => ("unified", "funding"),
            "kucoin" => ("trade", "main"),
            "coinbase" => ("spot", "vault"),
            "gate" or "bittrex" => ("spot", "spot"),
            "kraken" => ("spot", "auto-earn"),
            _ => ("spot", "funding"),
        };
        return
        [
            new JsonObject { ["wallet"] = spot, ["asset"] = "BTC", ["free"] = "0.5", ["locked"] = "0.1" },
            new JsonObject { ["wallet"] = spot, ["asset"] = "ETH", ["free"] = "2.25", ["locked"] = "0" },
            new JsonObject { ["wallet"] = other, ["asset"] = "USDT", ["free"] = "100", ["locked"] = "0" },
        ];
    }

    private static TestKey Variant(string exchange, string prefix)
    {
        var main = Key(exchange);
        return new TestKey(exchange, prefix + main.ApiKey[2..], main.Secret, main.Passphrase);
    }

    private static JsonObject Account(TestKey key, string label, string[] permissions, int uid, string? ip, string? expiresAt, string? fixedUid)
    {
        var account = new JsonObject
        {
            ["exchange"] = key.Exchange,
            ["apiKey"] = key.ApiKey,
            ["secret"] = key.Secret,
            ["label"] = label,
            ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)p)]),
            ["ipWhitelist"] = ip is null ? new JsonArray() : new JsonArray(ip),
            ["createdAt"] = "2023-01-05T00:00:00Z",
            ["expiresAt"] = expiresAt is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(1700000000123).AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["uid"] = fixedUid ?? (uid * 7919).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["balances"] = Balances(key.Exchange),
        };
        if (key.Passphrase is not null)
        {
            account["passphrase"] = key.Passphrase;
        }

        return account;
    }
}
