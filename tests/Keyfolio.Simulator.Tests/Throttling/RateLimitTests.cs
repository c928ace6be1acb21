using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Throttling;

/// <summary>Exceeding each exchange's limit, as it counts it, gets the exchange's own answer.</summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData("binance", "binance.weight", 20, 429, "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 20 request weight per 1 MINUTE.")]
    [InlineData("okx", "okx.account-balance", 1, 429, "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}")]
    [InlineData("htx", "htx.accounts", 1, 429, "{\"status\":\"error\",\"err-code\":\"base-request-exceed-frequency-limit\",")]
    [InlineData("bitfinex", "bitfinex.wallets", 1, 429, "[\"error\",11010,\"ratelimit: error\"]")]
    [InlineData("hitbtc", "hitbtc.private", 1, 429, "{\"error\":{\"code\":429,")]
    [InlineData("gate", "gate.private", 1, 429, "{\"label\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many requests\"}")]
    [InlineData("bittrex", "bittrex.private", 1, 429, "{\"code\":\"THROTTLED\"}")]
    [InlineData("kucoin", "kucoin.management", 5, 429, "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}")]
    [InlineData("coinbase", "coinbase.private", 1, 429, "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}")]
    public async Task Exceeding_the_limit_gets_the_exchange_answer_until_the_window_ends(string exchange, string rule, int limit, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync(c => c["rateLimits"] = new JsonObject { ["limits"] = new JsonObject { [rule] = limit } });
        var signer = ExchangeSigner.For(exchange);
        var key = TestSimulator.Key(exchange);

        var first = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), key, sim.Now));
        var second = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), key, sim.Now));
        sim.Time.Advance(TimeSpan.FromMinutes(1));
        var third = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), key, sim.Now));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(status, (int)second.StatusCode);
        Assert.StartsWith(expected, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)third.StatusCode);
        Assert.Equal(1, sim.Host.Control.GetCounters(exchange).TooManyRequests);
    }

    [Fact]
    public async Task Bybit_answers_10006_over_the_uid_limit_and_reports_its_budget_in_headers()
    {
        await using var sim = await TestSimulator.StartAsync(c => c["rateLimits"] = new JsonObject { ["limits"] = new JsonObject { ["bybit.wallet-balance"] = 1 } });
        var signer = ExchangeSigner.For("bybit");
        var key = TestSimulator.Key("bybit");

        var first = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("bybit"), key, sim.Now));
        var second = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("bybit"), key, sim.Now));
        var facts = await sim.SendAsync(signer.KeyFacts(sim.Host.BaseUrl("bybit"), key, sim.Now));
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("bybit"), key, sim.Now));

        Assert.Equal(("1", "0"), (first.Headers.GetValues("X-Bapi-Limit").Single(), first.Headers.GetValues("X-Bapi-Limit-Status").Single()));
        Assert.Equal(200, (int)second.StatusCode);
        Assert.StartsWith("{\"retCode\":10006,\"retMsg\":\"Too many visits!\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1700000001000", second.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp").Single());
        Assert.Equal(("10", "9"), (facts.Headers.GetValues("X-Bapi-Limit").Single(), facts.Headers.GetValues("X-Bapi-Limit-Status").Single()));
        Assert.StartsWith("{\"retCode\":0,", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binance_reports_used_weight_and_bans_an_address_that_keeps_going_after_429()
    {
        await using var sim = await TestSimulator.StartAsync(c => c["rateLimits"] = new JsonObject
        {
            ["limits"] = new JsonObject { ["binance.weight"] = 41 },
            ["binanceBanAfter429s"] = 2,
            ["binanceBanSeconds"] = 120,
        });
        var signer = ExchangeSigner.For("binance");
        var key = TestSimulator.Key("binance");
        var origin = sim.Host.BaseUrl("binance");
        sim.Time.Advance(TimeSpan.FromSeconds(59) - TimeSpan.FromMilliseconds(sim.Now.ToUnixTimeMilliseconds() % 60000));

        var first = await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        var second = await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        var refused = await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        var banned = await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        sim.Time.Advance(TimeSpan.FromSeconds(60));
        var stillBanned = await sim.SendAsync(signer.Balance(origin, key, sim.Now));
        sim.Time.Advance(TimeSpan.FromSeconds(61));
        var released = await sim.SendAsync(signer.Balance(origin, key, sim.Now));

        Assert.Equal("20", first.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        Assert.Equal("40", second.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(418, (int)banned.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), banned.Headers.RetryAfter?.Delta);
        Assert.Equal(418, (int)stillBanned.StatusCode);
        Assert.Equal(200, (int)released.StatusCode);
        Assert.Equal(new SimulatorCounters(7, 2, 2), sim.Host.Control.GetCounters("binance"));
    }

    [Fact]
    public async Task Okx_keys_of_one_uid_share_the_budget_while_other_uids_keep_theirs()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
        {
            c["rateLimits"] = new JsonObject { ["limits"] = new JsonObject { ["okx.account-balance"] = 1 } };
            var accounts = c["accounts"]!.AsArray();
            var main = accounts.First(a => (string?)a!["apiKey"] == "OKX-KEY")!;
            var sibling = main.DeepClone();
            sibling["apiKey"] = "OKX-KEY-2";
            accounts.Add(sibling);
        });
        var signer = ExchangeSigner.For("okx");
        var main = TestSimulator.Key("okx");
        var sibling = new TestKey("okx", "OKX-KEY-2", main.Secret, main.Passphrase);

        var first = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("okx"), main, sim.Now));
        var shared = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("okx"), sibling, sim.Now));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)shared.StatusCode);
    }

    [Fact]
    public async Task Htx_and_gate_report_their_remaining_budget_in_headers()
    {
        await using var sim = await TestSimulator.StartAsync();

        var htx = await sim.SendAsync(ExchangeSigner.For("htx").Balance(sim.Host.BaseUrl("htx"), TestSimulator.Key("htx"), sim.Now));
        var gate = await sim.SendAsync(ExchangeSigner.For("gate").Balance(sim.Host.BaseUrl("gate"), TestSimulator.Key("gate"), sim.Now));

        Assert.Equal("99", htx.Headers.GetValues("X-HB-RateLimit-Requests-Remain").Single());
        Assert.Equal("1700000002000", htx.Headers.GetValues("X-HB-RateLimit-Requests-Expire").Single());
        Assert.Equal("199", gate.Headers.GetValues("X-Gate-RateLimit-Requests-Remain").Single());
        Assert.Equal("200", gate.Headers.GetValues("X-Gate-RateLimit-Limit").Single());
        Assert.Equal("1700000010000", gate.Headers.GetValues("X-Gate-RateLimit-Reset-Timestamp").Single());
    }

    [Fact]
    public async Task Limits_switched_off_never_refuse()
    {
        await using var sim = await TestSimulator.StartAsync(c => c["rateLimits"] = new JsonObject { ["enabled"] = false, ["limits"] = new JsonObject { ["gate.private"] = 1 } });

        for (var i = 0; i < 5; i++)
        {
            var response = await sim.SendAsync(ExchangeSigner.For("gate").Balance(sim.Host.BaseUrl("gate"), TestSimulator.Key("gate"), sim.Now));
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.Equal(0, sim.Host.Control.GetCounters("gate").TooManyRequests);
    }
}
