using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>For every exchange: a request signed by its published rules is accepted; any change after signing is refused with its real error.</summary>
public sealed class SignedRequestTests
{
    public static TheoryData<string> Exchanges() => [.. TestSimulator.Exchanges];

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task Signed_balance_request_returns_the_configured_balances_in_the_exchange_shape(string exchange)
    {
        await using var sim = await TestSimulator.StartAsync();

        var balances = await BalanceReader.ReadAsync(sim, exchange, TestSimulator.Key(exchange));

        Assert.Equal((0.5m, 0.6m), balances["BTC"]);
        Assert.Equal((2.25m, 2.25m), balances["ETH"]);
        if (exchange is "gate" or "bittrex")
        {
            Assert.Equal((100m, 100m), balances["USDT"]);
        }
        else
        {
            Assert.False(balances.ContainsKey("USDT"), "USDT is held in the other wallet, not on the main balance endpoint.");
        }
    }

    [Theory]
    [InlineData("binance", Tamper.Secret, 400, "-1022")]
    [InlineData("binance", Tamper.Key, 401, "-2015")]
    [InlineData("binance", Tamper.Query, 400, "-1022")]
    [InlineData("binance", Tamper.Body, 400, "-1022")]
    [InlineData("binance", Tamper.Timestamp, 400, "-1022")]
    [InlineData("okx", Tamper.Secret, 401, "\"50113\"")]
    [InlineData("okx", Tamper.Key, 401, "\"50111\"")]
    [InlineData("okx", Tamper.Passphrase, 401, "\"50105\"")]
    [InlineData("okx", Tamper.Path, 401, "\"50113\"")]
    [InlineData("okx", Tamper.Query, 401, "\"50113\"")]
    [InlineData("okx", Tamper.Body, 401, "\"50113\"")]
    [InlineData("okx", Tamper.Timestamp, 401, "\"50113\"")]
    [InlineData("htx", Tamper.Secret, 200, "Verification failure")]
    [InlineData("htx", Tamper.Key, 200, "Incorrect Access key")]
    [InlineData("htx", Tamper.Path, 200, "\"code\":1003")]
    [InlineData("htx", Tamper.Query, 200, "Verification failure")]
    [InlineData("htx", Tamper.Timestamp, 200, "Verification failure")]
    [InlineData("bitfinex", Tamper.Secret, 500, "apikey: digest invalid")]
    [InlineData("bitfinex", Tamper.Key, 500, "apikey: invalid")]
    [InlineData("bitfinex", Tamper.Path, 500, "apikey: digest invalid")]
    [InlineData("bitfinex", Tamper.Query, 500, "apikey: digest invalid")]
    [InlineData("bitfinex", Tamper.Body, 500, "apikey: digest invalid")]
    [InlineData("bitfinex", Tamper.Timestamp, 500, "apikey: digest invalid")]
    [InlineData("hitbtc", Tamper.Secret, 401, "Invalid signature")]
    [InlineData("hitbtc", Tamper.Key, 401, "Invalid API key")]
    [InlineData("hitbtc", Tamper.Path, 401, "Invalid signature")]
    [InlineData("hitbtc", Tamper.Query, 401, "Invalid signature")]
    [InlineData("hitbtc", Tamper.Body, 401, "Invalid signature")]
    [InlineData("hitbtc", Tamper.Timestamp, 401, "Invalid signature")]
    [InlineData("gate", Tamper.Secret, 401, "{\"label\":\"INVALID_SIGNATURE\",\"message\":\"Signature mismatch\"}")]
    [InlineData("gate", Tamper.Key, 401, "{\"label\":\"INVALID_KEY\",\"message\":\"Invalid key provided\"}")]
    [InlineData("gate", Tamper.Path, 401, "{\"label\":\"INVALID_SIGNATURE\",\"message\":\"Signature mismatch\"}")]
    [InlineData("gate", Tamper.Query, 401, "{\"label\":\"INVALID_SIGNATURE\",\"message\":\"Signature mismatch\"}")]
    [InlineData("gate", Tamper.Body, 401, "{\"label\":\"INVALID_SIGNATURE\",\"message\":\"Signature mismatch\"}")]
    [InlineData("gate", Tamper.Timestamp, 401, "{\"label\":\"INVALID_SIGNATURE\",\"message\":\"Signature mismatch\"}")]
    [InlineData("bittrex", Tamper.Secret, 401, "INVALID_SIGNATURE")]
    [InlineData("bittrex", Tamper.Key, 401, "APIKEY_INVALID")]
    [InlineData("bittrex", Tamper.Path, 401, "INVALID_SIGNATURE")]
    [InlineData("bittrex", Tamper.Query, 401, "INVALID_SIGNATURE")]
    [InlineData("bittrex", Tamper.Body, 401, "INVALID_SIGNATURE")]
    [InlineData("bittrex", Tamper.Timestamp, 401, "INVALID_SIGNATURE")]
    [InlineData("kraken", Tamper.Secret, 200, "{\"error\":[\"EAPI:Invalid signature\"]}")]
    [InlineData("kraken", Tamper.Key, 200, "{\"error\":[\"EAPI:Invalid key\"]}")]
    [InlineData("kraken", Tamper.Path, 200, "{\"error\":[\"EAPI:Invalid signature\"]}")]
    [InlineData("kraken", Tamper.Body, 200, "{\"error\":[\"EAPI:Invalid signature\"]}")]
    [InlineData("kraken", Tamper.Timestamp, 200, "{\"error\":[\"EAPI:Invalid signature\"]}")]
    [InlineData("bybit", Tamper.Secret, 200, "\"retCode\":10004")]
    [InlineData("bybit", Tamper.Key, 200, "\"retCode\":10003")]
    [InlineData("bybit", Tamper.Query, 200, "\"retCode\":10004")]
    [InlineData("bybit", Tamper.Timestamp, 200, "\"retCode\":10004")]
    [InlineData("bybit", Tamper.Body, 403, "")]

    // KuCoin checks the passphrase, an HMAC under the secret, before the signature: a wrong secret fails there first.
    [InlineData("kucoin", Tamper.Secret, 401, "{\"code\":\"400004\",\"msg\":\"Invalid KC-API-PASSPHRASE\"}")]
    [InlineData("kucoin", Tamper.Key, 401, "{\"code\":\"400003\",\"msg\":\"KC-API-KEY not exists\"}")]
    [InlineData("kucoin", Tamper.Passphrase, 401, "\"400004\"")]
    [InlineData("kucoin", Tamper.Path, 401, "{\"code\":\"400005\",\"msg\":\"Invalid KC-API-SIGN\"}")]
    [InlineData("kucoin", Tamper.Query, 401, "\"400005\"")]
    [InlineData("kucoin", Tamper.Body, 401, "\"400005\"")]
    [InlineData("kucoin", Tamper.Timestamp, 401, "\"400005\"")]
    // Coinbase: every JWT failure is the bare text "Unauthorized"; the query is not part of the uri claim, so it is not listed.
    [InlineData("coinbase", Tamper.Secret, 401, "Unauthorized")]
    [InlineData("coinbase", Tamper.Key, 401, "Unauthorized")]
    [InlineData("coinbase", Tamper.Path, 401, "Unauthorized")]
    [InlineData("coinbase", Tamper.Timestamp, 401, "Unauthorized")]
    public async Task A_request_changed_after_signing_is_refused_with_the_exchange_error(string exchange, Tamper tamper, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now, tamper));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", 401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}")]
    [InlineData("okx", 401, "{\"code\":\"50110\",\"msg\":\"Your IP 127.0.0.1 is not included in your API key's IP whitelist.\",\"data\":[]}")]
    [InlineData("htx", 200, "{\"status\":\"error\",\"err-code\":\"api-signature-not-valid\",\"err-msg\":\"Signature not valid: Incorrect IP address [IP地址错误]:127.0.0.1\",\"data\":null}")]
    [InlineData("bitfinex", 500, "[\"error\",10100,\"apikey: ip invalid\"]")]
    [InlineData("hitbtc", 401, "{\"error\":{\"code\":1002,\"message\":\"Authorization is required or has been failed\",\"description\":\"IP address 127.0.0.1 is not allowed\"}}")]
    [InlineData("gate", 403, "{\"label\":\"IP_FORBIDDEN\",\"message\":\"Request IP not in whitelist\"}")]
    [InlineData("bittrex", 403, "{\"code\":\"FORBIDDEN\",\"detail\":\"IP address not allowed\"}")]
    [InlineData("kraken", 200, "{\"error\":[\"EGeneral:Permission denied\"]}")]
    [InlineData("bybit", 200, "{\"retCode\":10010,\"retMsg\":\"Unmatched IP, please check your API key's bound IP addresses.\",\"result\":{},\"retExtInfo\":{},\"time\":1700000000123}")]
    [InlineData("kucoin", 403, "{\"code\":\"400006\",\"msg\":\"Invalid request ip, the current clientIp is:127.0.0.1\"}")]
    [InlineData("coinbase", 401, "Unauthorized")]
    public async Task A_key_used_from_outside_its_whitelist_is_refused_naming_the_caller_address(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.IpLockedKey(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("binance", 401, "-2015")]
    [InlineData("okx", 401, "\"50111\"")]
    [InlineData("htx", 200, "API key has expired [API Key已过期]")]
    [InlineData("bitfinex", 500, "apikey: invalid")]
    [InlineData("hitbtc", 401, "Invalid API key")]
    [InlineData("gate", 401, "{\"label\":\"INVALID_KEY\",\"message\":\"Invalid key provided\"}")]
    [InlineData("bittrex", 401, "APIKEY_INVALID")]
    [InlineData("kraken", 200, "{\"error\":[\"EAPI:Invalid key\"]}")]
    [InlineData("bybit", 200, "{\"retCode\":33004,\"retMsg\":\"Your api key has expired\"")]
    [InlineData("kucoin", 401, "\"400003\"")]
    [InlineData("coinbase", 401, "Unauthorized")]
    public async Task An_expired_key_is_refused(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.ExpiredKey(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", 401, "-2015")]
    [InlineData("okx", 200, "{\"code\":\"50120\",\"msg\":\"This API key doesn't have permission to use this function\",\"data\":[]}")]
    [InlineData("htx", 200, "API key has no permission [API Key没有权限]")]
    [InlineData("bitfinex", 500, "[\"error\",10001,\"api_key: permission invalid\"]")]
    [InlineData("hitbtc", 403, "\"code\":1003,\"message\":\"Action is forbidden for this API key\"")]
    [InlineData("gate", 403, "{\"label\":\"FORBIDDEN\",\"message\":\"Account has no permission to request operation\"}")]
    [InlineData("bittrex", 403, "{\"code\":\"FORBIDDEN\"}")]
    [InlineData("kraken", 200, "{\"error\":[\"EGeneral:Permission denied\"]}")]
    [InlineData("bybit", 200, "{\"retCode\":10005,\"retMsg\":\"Permission denied, please check your API key permissions.\"")]
    [InlineData("kucoin", 403, "{\"code\":\"400007\",\"msg\":\"Access denied, require more permission.\"}")]
    [InlineData("coinbase", 403, "{\"error\":\"PERMISSION_DENIED\",\"error_details\":\"Missing required scopes\",\"message\":\"Missing required scopes\"}")]
    public async Task A_key_without_the_right_the_endpoint_needs_is_refused(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.NoRightsKey(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", "-2015")]
    [InlineData("okx", "\"50111\"")]
    [InlineData("htx", "Incorrect Access key")]
    [InlineData("bitfinex", "apikey: invalid")]
    [InlineData("hitbtc", "Invalid API key")]
    [InlineData("gate", "INVALID_KEY")]
    [InlineData("bittrex", "APIKEY_INVALID")]
    [InlineData("kraken", "EAPI:Invalid key")]
    [InlineData("bybit", "{\"retCode\":10003,\"retMsg\":\"API key is invalid.\"")]
    [InlineData("kucoin", "\"400003\"")]
    [InlineData("coinbase", "Unauthorized")]
    public async Task A_revoked_key_stops_working_at_once(string exchange, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var key = TestSimulator.Key(exchange);
        var signer = ExchangeSigner.For(exchange);
        var before = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), key, sim.Now));

        sim.Host.Control.RevokeKey(exchange, key.ApiKey);
        var after = await sim.SendAsync(signer.Balance(sim.Host.BaseUrl(exchange), key, sim.Now));

        Assert.Equal(200, (int)before.StatusCode);
        Assert.Contains(expected, await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", 400, "Timestamp for this request is outside of the recvWindow.")]
    [InlineData("okx", 401, "\"50102\"")]
    [InlineData("htx", 200, "Invalid submission time")]
    [InlineData("hitbtc", 401, "Timestamp is out of the window")]
    [InlineData("gate", 401, "REQUEST_EXPIRED")]
    [InlineData("bittrex", 401, "INVALID_TIMESTAMP")]
    [InlineData("bybit", 200, "\"retCode\":10002,\"retMsg\":\"invalid request, please check your server timestamp or recv_window param. req_timestamp[1700000000123],server_timestamp[1700000360123],recv_window[5000]\"")]
    [InlineData("kucoin", 400, "{\"code\":\"400002\",\"msg\":\"Invalid KC-API-TIMESTAMP\"}")]
    [InlineData("coinbase", 401, "Unauthorized")]
    public async Task A_timestamp_outside_the_exchange_window_is_refused(string exchange, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        sim.Host.Control.SetClockOffset(exchange, TimeSpan.FromMinutes(6));
        var response = await sim.SendAsync(ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), TestSimulator.Key(exchange), sim.Now));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", 0, true)]
    [InlineData("binance", -59, true)]
    [InlineData("binance", -61, false)]
    [InlineData("binance", 1, false)]
    [InlineData("okx", 29, true)]
    [InlineData("okx", -31, false)]
    [InlineData("gate", 59, true)]
    [InlineData("gate", -61, false)]
    [InlineData("htx", 299, true)]
    [InlineData("htx", -301, false)]
    [InlineData("bybit", 0, true)]
    [InlineData("bybit", -4, true)]
    [InlineData("bybit", -6, false)]
    [InlineData("bybit", 1, false)]
    [InlineData("kucoin", 5, true)]
    [InlineData("kucoin", -5, true)]
    [InlineData("kucoin", 6, false)]
    [InlineData("kucoin", -6, false)]
    // Coinbase: nbf ≤ now < exp = nbf + 120 s.
    [InlineData("coinbase", 0, true)]
    [InlineData("coinbase", -119, true)]
    [InlineData("coinbase", -120, false)]
    [InlineData("coinbase", 1, false)]
    public async Task The_timestamp_window_has_the_exchange_width(string exchange, int offsetSeconds, bool accepted)
    {
        await using var sim = await TestSimulator.StartAsync();
        var key = TestSimulator.Key(exchange);

        HttpRequestMessage request = exchange == "binance"
            ? BinanceWithWindow(sim, key, sim.Now.AddSeconds(offsetSeconds), 60000)
            : ExchangeSigner.For(exchange).Balance(sim.Host.BaseUrl(exchange), key, sim.Now.AddSeconds(offsetSeconds));
        var response = await sim.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(accepted, response.IsSuccessStatusCode && !body.Contains("\"error\"", StringComparison.Ordinal) && !body.Contains("\"retCode\":10002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Binance_refuses_a_recvWindow_above_sixty_seconds()
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(BinanceWithWindow(sim, TestSimulator.Key("binance"), sim.Now, 60001));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("{\"code\":-1131,\"msg\":\"recvWindow must be less than 60000\"}", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage BinanceWithWindow(TestSimulator sim, TestKey key, DateTimeOffset timestamp, int window)
    {
        var query = $"timestamp={timestamp.ToUnixTimeMilliseconds()}&recvWindow={window}";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("binance"), "/api/v3/account?" + query + "&signature=" + BinanceSigner.Sign(key.Secret, query)));
        request.Headers.Add("X-MBX-APIKEY", key.ApiKey);
        return request;
    }
}
