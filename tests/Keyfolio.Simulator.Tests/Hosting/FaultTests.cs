using System.Text.Json;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Hosting;

/// <summary>Each fault behaves as configured, in each exchange's own form.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData("binance", "{\"code\":-1003,")]
    [InlineData("okx", "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}")]
    [InlineData("htx", "{\"status\":\"error\",\"err-code\":\"base-request-exceed-frequency-limit\"")]
    [InlineData("bitfinex", "[\"error\",11010,\"ratelimit: error\"]")]
    [InlineData("hitbtc", "{\"error\":{\"code\":429,\"message\":\"Too many requests\"")]
    [InlineData("gate", "{\"label\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many requests\"}")]
    [InlineData("bittrex", "{\"code\":\"THROTTLED\"}")]
    [InlineData("kraken", "{\"error\":[\"EAPI:Rate limit exceeded\"]}")]
    [InlineData("bybit", "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},")]
    public async Task A_forced_429_answers_in_the_exchange_form_with_Retry_After_and_is_counted(string exchange, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = exchange, ForcedStatus = 429, RetryAfterSeconds = 42 });

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), response.Headers.RetryAfter?.Delta);
        Assert.StartsWith(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new SimulatorCounters(1, 1, 0), sim.Host.Control.GetCounters(exchange));
    }

    [Fact]
    public async Task A_forced_429_on_kucoin_says_when_the_pool_resets_in_its_own_header()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "kucoin", ForcedStatus = 429, RetryAfterSeconds = 42 });

        var response = await sim.SendAsync(ExchangeSigner.For("kucoin").Balance(sim.Host.BaseUrl("kucoin"), TestSimulator.Key("kucoin"), sim.Now));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("42000", response.Headers.GetValues("gw-ratelimit-reset").Single());
        Assert.Equal("0", response.Headers.GetValues("gw-ratelimit-remaining").Single());
        Assert.Equal("{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal(new SimulatorCounters(1, 1, 0), sim.Host.Control.GetCounters("kucoin"));
    }

    [Fact]
    public async Task A_forced_418_is_Binance_ban_answer_and_is_counted()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "binance", ForcedStatus = 418, RetryAfterSeconds = 120 });

        var response = await sim.SendAsync(ExchangeSigner.For("binance").Balance(sim.Host.BaseUrl("binance"), TestSimulator.Key("binance"), sim.Now));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.RetryAfter?.Delta);
        Assert.Contains("IP banned until " + sim.Now.AddSeconds(120).ToUnixTimeMilliseconds(), body, StringComparison.Ordinal);
        Assert.Equal(1, sim.Host.Control.GetCounters("binance").Banned);
    }

    [Theory]
    [InlineData("binance", 503, "{\"code\":-1016,\"msg\":\"This service is no longer available.\"}")]
    [InlineData("okx", 503, "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable. Try again later\",\"data\":[]}")]
    [InlineData("htx", 503, "{\"status\":\"error\",\"err-code\":\"system-maintenance\",\"err-msg\":\"System is in maintenance\",\"data\":null}")]
    [InlineData("bitfinex", 503, "[\"error\",20060,\"maintenance\"]")]
    [InlineData("hitbtc", 503, "{\"error\":{\"code\":503,\"message\":\"Service Unavailable\",\"description\":\"Service is down for maintenance\"}}")]
    [InlineData("gate", 503, "{\"label\":\"SERVER_ERROR\",\"message\":\"Internal server error\"}")]
    [InlineData("bittrex", 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}")]
    [InlineData("kraken", 503, "{\"error\":[\"EService:Unavailable\"]}")]
    [InlineData("bybit", 503, "{\"retCode\":10016,\"retMsg\":\"Server error.\",\"result\":{},\"retExtInfo\":{},\"time\":1700000000123}")]
    [InlineData("kucoin", 503, "{\"code\":\"503000\",\"msg\":\"Service Unavailable\"}")]
    [InlineData("coinbase", 503, "{\"error\":\"UNAVAILABLE\",\"error_details\":\"service unavailable\",\"message\":\"service unavailable\"}")]
    public async Task Maintenance_answers_in_the_exchange_form(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync(c => c["faults"] = JsonNodeOf(new { exchange, maintenance = true }));

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("binance", 500, "-1001")]
    [InlineData("okx", 500, "\"50013\"")]
    [InlineData("htx", 500, "base-system-error")]
    [InlineData("bitfinex", 500, "[\"error\",10000,")]
    [InlineData("hitbtc", 500, "\"code\":500")]
    [InlineData("gate", 500, "SERVER_ERROR")]
    [InlineData("bittrex", 500, "INTERNAL_ERROR")]
    [InlineData("kraken", 500, "{\"error\":[\"EGeneral:Internal error\"]}")]
    [InlineData("bybit", 500, "\"retCode\":10016")]
    [InlineData("kucoin", 500, "\"500000\"")]
    [InlineData("coinbase", 500, "\"INTERNAL\"")]
    public async Task An_error_rate_of_one_answers_every_request_with_the_exchange_5xx(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = exchange, ErrorRate = 1 });

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_rate_of_zero_with_latency_off_changes_nothing()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "gate", ErrorRate = 0 });

        var balances = await BalanceReader.ReadAsync(sim, "gate", TestSimulator.Key("gate"));

        Assert.Equal((0.5m, 0.6m), balances["BTC"]);
    }

    [Theory]
    [InlineData("binance", 451, "Service unavailable from a restricted location")]
    [InlineData("okx", 451, "\"51155\"")]
    [InlineData("htx", 451, "forbidden-region")]
    [InlineData("bitfinex", 451, "[\"error\",")]
    [InlineData("hitbtc", 451, "\"code\":451")]
    [InlineData("gate", 451, "\"label\":\"FORBIDDEN\"")]
    [InlineData("bittrex", 451, "RESTRICTED_LOCATION")]
    [InlineData("kraken", 451, "{\"error\":[\"EGeneral:Permission denied\"]}")]
    [InlineData("bybit", 403, "The Amazon CloudFront distribution is configured to block access from your country.")]
    [InlineData("kucoin", 451, "\"400302\"")]
    [InlineData("coinbase", 451, "\"PERMISSION_DENIED\"")]
    public async Task Restricted_location_answers_451_until_switched_off(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var signer = ExchangeSigner.For(exchange);
        sim.Host.Control.SetRestrictedLocation(exchange, true);

        var blocked = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));
        sim.Host.Control.SetRestrictedLocation(exchange, false);
        var allowed = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));

        Assert.Equal(status, (int)blocked.StatusCode);
        Assert.Contains(expected, await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)allowed.StatusCode);
    }

    [Theory]
    [InlineData("binance")]
    [InlineData("okx")]
    [InlineData("htx")]
    [InlineData("bitfinex")]
    [InlineData("hitbtc")]
    [InlineData("gate")]
    [InlineData("bittrex")]
    [InlineData("kraken")]
    [InlineData("bybit")]
    [InlineData("kucoin")]
    [InlineData("coinbase")]
    public async Task Malformed_json_fault_cuts_successful_answers_short(string exchange)
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = exchange, MalformedJson = true });

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEmpty(body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_fault_scoped_to_one_key_leaves_the_other_keys_of_the_exchange_healthy()
    {
        await using var sim = await TestSimulator.StartAsync();
        var limited = TestSimulator.Key("okx");
        var healthy = TestSimulator.NoRightsKey("okx");
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "okx", ApiKeys = [limited.ApiKey], ForcedStatus = 429, RetryAfterSeconds = 30 });
        var signer = ExchangeSigner.For("okx");

        var refused = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("okx"), limited, sim.Now));
        var other = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("okx"), healthy, sim.Now));
        sim.Host.Control.ClearFaults("okx");
        var afterClear = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl("okx"), limited, sim.Now));

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Contains("50120", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)afterClear.StatusCode);
    }

    [Fact]
    public async Task Latency_holds_the_answer_until_the_delay_has_passed()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "binance", LatencyMs = 1500 });

        var pending = sim.SendAsync(ExchangeSigner.For("binance").Balance(sim.Host.BaseUrl("binance"), TestSimulator.Key("binance"), sim.Now));
        while (sim.Time.PendingTimers == 0)
        {
            Assert.False(pending.IsCompleted, "The answer arrived before the latency started.");
            await Task.Yield();
        }

        Assert.False(pending.IsCompleted);
        sim.Time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(pending.IsCompleted);
        sim.Time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await pending;

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_hanging_request_is_never_answered_and_the_client_times_out()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "htx", Hang = true });
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var request = ExchangeSigner.For("htx").Balance(sim.Host.BaseUrl("htx"), TestSimulator.Key("htx"), sim.Now);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.SendAsync(request));
    }

    [Theory]
    [InlineData("binance", "/api/v3/time", "serverTime")]
    [InlineData("okx", "/api/v5/public/time", "ts")]
    [InlineData("htx", "/v1/common/timestamp", "data")]
    [InlineData("gate", "/api/v4/spot/time", "server_time")]
    [InlineData("bittrex", "/v3/ping", "serverTime")]
    [InlineData("bybit", "/v5/market/time", "time")]
    [InlineData("kucoin", "/api/v1/timestamp", "data")]
    [InlineData("coinbase", "/api/v3/brokerage/time", "epochMillis")]
    public async Task A_clock_offset_moves_the_server_time_and_the_Date_header(string exchange, string path, string field)
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Host.Control.SetClockOffset(exchange, TimeSpan.FromSeconds(-90));

        var (status, body, response) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl(exchange), path)));
        var node = exchange == "okx" ? body!["data"]![0]![field] : body![field];
        var serverMs = long.Parse(node!.ToJsonString().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(200, status);
        var expected = sim.Now.AddSeconds(-90);
        Assert.InRange(serverMs, expected.ToUnixTimeMilliseconds() - 999, expected.ToUnixTimeMilliseconds());
        Assert.Equal(expected.ToUnixTimeSeconds(), response.Headers.Date!.Value.ToUnixTimeSeconds());
    }

    private static System.Text.Json.Nodes.JsonArray JsonNodeOf(object fault) => [System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(fault))];
}
