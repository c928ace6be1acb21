using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Hosting;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task Every_site_and_the_admin_endpoint_get_their_own_loopback_port_and_are_listed_in_the_endpoints_json()
    {
        await using var sim = await TestSimulator.StartAsync();

        var endpoints = JsonNode.Parse(sim.Host.ToEndpointsJson())!.AsObject();

        var expected = new[] { "binance", "okx", "htx", "bitfinex", "hitbtc", "gate", "bittrex", "kraken", "bybit", "kucoin", "coinbase", "binance-us", "okx-eea", "okx-us", "admin" };
        Assert.Equal(expected.Order(), endpoints.Select(p => p.Key).Order());
        Assert.Equal(expected.Length, endpoints.Select(p => new Uri((string)p.Value!).Port).Distinct().Count());
        Assert.All(endpoints, p => Assert.StartsWith("http://127.0.0.1:", (string?)p.Value, StringComparison.Ordinal));
        Assert.Equal(sim.Host.BaseUrl("gate").GetLeftPart(UriPartial.Authority), (string?)endpoints["gate"]);
    }

    [Fact]
    public async Task The_admin_endpoint_sets_faults_permissions_clock_and_reads_counters()
    {
        await using var sim = await TestSimulator.StartAsync();
        var admin = sim.Host.AdminUrl;
        var key = TestSimulator.Key("gate");
        var signer = ExchangeSigner.For("gate");

        var fault = await sim.Http.PutAsJsonAsync(new Uri(admin, "/faults"), new { exchange = "gate", forcedStatus = 429, retryAfterSeconds = 9 });
        var limited = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("gate"), key, sim.Now));
        await sim.Http.DeleteAsync(new Uri(admin, "/faults/gate"));
        var rights = await sim.Http.PutAsJsonAsync(new Uri(admin, $"/exchanges/gate/keys/{key.ApiKey}/permissions"), new { permissions = Array.Empty<string>() });
        var forbidden = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("gate"), key, sim.Now));
        var counters = await sim.Http.GetFromJsonAsync<JsonObject>(new Uri(admin, "/exchanges/gate/counters"));
        var badFault = await sim.Http.PutAsJsonAsync(new Uri(admin, "/faults"), new { exchange = "gate", forcedStatus = 500 });
        var unknownKey = await sim.Http.PostAsync(new Uri(admin, "/exchanges/gate/keys/nope/revoke"), null);

        Assert.Equal(204, (int)fault.StatusCode);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(204, (int)rights.StatusCode);
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal(2, (int)counters!["requests"]!);
        Assert.Equal(1, (int)counters["tooManyRequests"]!);
        Assert.Equal(400, (int)badFault.StatusCode);
        Assert.Contains("use 429 or 418", await badFault.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (int)unknownKey.StatusCode);
    }

    [Fact]
    public async Task The_admin_endpoint_replaces_a_keys_balances_and_refuses_a_wallet_the_exchange_has_not()
    {
        await using var sim = await TestSimulator.StartAsync();
        var admin = sim.Host.AdminUrl;
        var key = TestSimulator.Key("gate");
        var signer = ExchangeSigner.For("gate");

        var set = await sim.Http.PutAsJsonAsync(new Uri(admin, $"/exchanges/gate/keys/{key.ApiKey}/balances"), new { balances = new[] { new { wallet = "spot", asset = "BTC", free = 0.25m, locked = 0.05m } } });
        using var balance = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("gate"), key, sim.Now));
        var read = JsonNode.Parse(await balance.Content.ReadAsStringAsync())!.AsArray();
        var bad = await sim.Http.PutAsJsonAsync(new Uri(admin, $"/exchanges/gate/keys/{key.ApiKey}/balances"), new { balances = new[] { new { wallet = "moon", asset = "BTC", free = 1m } } });

        Assert.Equal(204, (int)set.StatusCode);
        var btc = Assert.Single(read, b => (string?)b!["currency"] == "BTC");
        Assert.Equal(("0.25", "0.05"), ((string?)btc!["available"], (string?)btc["locked"]));
        Assert.DoesNotContain(read, b => (string?)b!["currency"] == "USDT" && decimal.Parse((string)b["available"]!, System.Globalization.CultureInfo.InvariantCulture) > 0m);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("balances[0].wallet", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_another_region_gets_the_exchange_answer_on_the_wrong_port()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
        {
            foreach (var account in c["accounts"]!.AsArray().Where(a => (string?)a!["label"] == "main" && (string?)a["exchange"] is "binance" or "okx"))
            {
                account!["region"] = (string?)account["exchange"] == "binance" ? "us" : "eea";
            }
        });

        var binanceCom = await sim.SendAsync(ExchangeSigner.For("binance").Balance(sim.Host.BaseUrl("binance"), TestSimulator.Key("binance"), sim.Now));
        var binanceUs = await sim.SendAsync(ExchangeSigner.For("binance").Balance(sim.Host.BaseUrl("binance-us"), TestSimulator.Key("binance"), sim.Now));
        var okxGlobal = await sim.SendAsync(ExchangeSigner.For("okx").Balance(sim.Host.BaseUrl("okx"), TestSimulator.Key("okx"), sim.Now));
        var okxEea = await sim.SendAsync(ExchangeSigner.For("okx").Balance(sim.Host.BaseUrl("okx-eea"), TestSimulator.Key("okx"), sim.Now));

        Assert.Contains("-2015", await binanceCom.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)binanceUs.StatusCode);
        Assert.Equal(200, (int)okxGlobal.StatusCode);
        Assert.Contains("\"50119\"", await okxGlobal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)okxEea.StatusCode);
        Assert.Contains("\"code\":\"0\"", await okxEea.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_okx_demo_key_needs_the_simulated_trading_header_and_a_live_key_must_not_send_it()
    {
        await using var sim = await TestSimulator.StartAsync(c => c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == "OKX-KEY")!["environment"] = "demo");
        var demo = TestSimulator.Key("okx");
        var live = TestSimulator.NoRightsKey("okx");

        var withHeader = await sim.SendAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), "/api/v5/account/balance", demo, sim.Now, demo: true));
        var withoutHeader = await sim.SendAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), "/api/v5/account/balance", demo, sim.Now));
        var liveWithHeader = await sim.SendAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), "/api/v5/account/balance", live, sim.Now, demo: true));

        Assert.Equal(200, (int)withHeader.StatusCode);
        Assert.Contains("\"50101\"", await withoutHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"50101\"", await liveWithHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
