using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>Key introspection renders the configured rights in each exchange's own form (docs/exchange-permissions.md).</summary>
public sealed class KeyFactsTests
{
    private static Task<TestSimulator> StartWithRightsAsync(string exchange, params string[] rights) => TestSimulator.StartAsync(c =>
    {
        var main = c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == TestSimulator.Key(exchange).ApiKey)!;
        main["permissions"] = new JsonArray([.. rights.Select(r => (JsonNode)r)]);
        main["ipWhitelist"] = new JsonArray("127.0.0.1", "10.0.0.1");
        main["label"] = "facts";
    });

    [Fact]
    public async Task Binance_apiRestrictions_shows_each_right_and_the_ip_restriction()
    {
        await using var sim = await StartWithRightsAsync("binance", "read", "spot", "withdraw", "transfer");

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("binance").KeyFacts(sim.Host.BaseUrl("binance"), TestSimulator.Key("binance"), sim.Now));

        Assert.Equal(200, status);
        Assert.True((bool)body!["ipRestrict"]!);
        Assert.True((bool)body["enableReading"]!);
        Assert.True((bool)body["enableSpotAndMarginTrading"]!);
        Assert.True((bool)body["enableWithdrawals"]!);
        Assert.True((bool)body["enableInternalTransfer"]!);
        Assert.False((bool)body["enableFutures"]!);
        Assert.Equal(1672876800000, (long)body["createTime"]!);
    }

    [Fact]
    public async Task Okx_config_shows_perm_ip_label_and_uids()
    {
        await using var sim = await StartWithRightsAsync("okx", "read", "margin", "withdraw");

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("okx").KeyFacts(sim.Host.BaseUrl("okx"), TestSimulator.Key("okx"), sim.Now));

        var config = body!["data"]![0]!;
        Assert.Equal(200, status);
        Assert.Equal("read_only,trade,withdraw", (string?)config["perm"]);
        Assert.Equal("127.0.0.1,10.0.0.1", (string?)config["ip"]);
        Assert.Equal("facts", (string?)config["label"]);
        Assert.Equal((string?)config["uid"], (string?)config["mainUid"]);
        Assert.Equal("2", (string?)config["acctLv"]);
        Assert.Equal("net_mode", (string?)config["posMode"]);
    }

    [Fact]
    public async Task Htx_api_key_shows_permission_ips_and_valid_days()
    {
        await using var sim = await StartWithRightsAsync("htx", "read", "spot");
        var key = TestSimulator.Key("htx");

        var (_, uid, _) = await sim.SendJsonAsync(ExchangeSigner.For("htx").KeyFacts(sim.Host.BaseUrl("htx"), key, sim.Now));
        var (status, body, _) = await sim.SendJsonAsync(HtxSigner.Get(sim.Host.BaseUrl("htx"), "/v2/user/api-key", [new("uid", uid!["data"]!.ToJsonString()), new("accessKey", key.ApiKey)], key, sim.Now));

        var facts = Assert.Single(body!["data"]!.AsArray())!;
        Assert.Equal(200, status);
        Assert.Equal(123456, (long)uid["data"]!);
        Assert.Equal("readOnly,trade", (string?)facts["permission"]);
        Assert.Equal("127.0.0.1,10.0.0.1", (string?)facts["ipAddresses"]);
        Assert.Equal(-1, (int)facts["validDays"]!);
        Assert.Equal("normal", (string?)facts["status"]);
    }

    [Fact]
    public async Task Bitfinex_permissions_show_read_and_write_per_scope()
    {
        await using var sim = await StartWithRightsAsync("bitfinex", "read", "spot", "withdraw");

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("bitfinex").KeyFacts(sim.Host.BaseUrl("bitfinex"), TestSimulator.Key("bitfinex"), sim.Now));

        var scopes = body!.AsArray().ToDictionary(s => (string)s![0]!, s => ((int)s![1]!, (int)s[2]!));
        Assert.Equal(200, status);
        Assert.Equal((1, 1), scopes["orders"]);
        Assert.Equal((1, 0), scopes["positions"]);
        Assert.Equal((1, 1), scopes["withdraw"]);
        Assert.Equal((1, 0), scopes["wallets"]);
    }

    [Fact]
    public async Task Gate_main_keys_show_the_masked_key_perms_and_whitelist()
    {
        await using var sim = await StartWithRightsAsync("gate", "read", "spot");

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("gate").KeyFacts(sim.Host.BaseUrl("gate"), TestSimulator.Key("gate"), sim.Now));

        var entry = Assert.Single(body!.AsArray())!;
        Assert.Equal(200, status);
        Assert.Equal("key*****", (string?)entry["key"]);
        Assert.Equal("facts", (string?)entry["name"]);
        var perms = entry["perms"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (bool)p!["read_only"]!);
        Assert.False(perms["spot"]);
        Assert.True(perms["wallet"]);
        Assert.False(perms.ContainsKey("withdraw"));
        Assert.Equal(["127.0.0.1", "10.0.0.1"], entry["ip_whitelist"]!.AsArray().Select(ip => (string)ip!));
    }

    [Fact]
    public async Task Bybit_query_api_shows_read_write_scopes_ips_and_no_expiry_for_a_bound_key()
    {
        await using var sim = await StartWithRightsAsync("bybit", "read", "spot", "withdraw");

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("bybit").KeyFacts(sim.Host.BaseUrl("bybit"), TestSimulator.Key("bybit"), sim.Now));

        var key = body!["result"]!;
        Assert.Equal(200, status);
        Assert.Equal(0, (int)body["retCode"]!);
        Assert.Equal(0, (int)key["readOnly"]!);
        Assert.Equal(["SpotTrade"], key["permissions"]!["Spot"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["Withdraw"], key["permissions"]!["Wallet"]!.AsArray().Select(s => (string)s!));
        Assert.Empty(key["permissions"]!["ContractTrade"]!.AsArray());
        Assert.Equal(["127.0.0.1", "10.0.0.1"], key["ips"]!.AsArray().Select(ip => (string)ip!));
        Assert.Equal(("facts", "KEYFOLIOTEST000001", -2, "1970-01-01T00:00:00Z", "2023-01-05T00:00:00Z"), ((string?)key["note"], (string?)key["apiKey"], (int)key["deadlineDay"]!, (string?)key["expiredAt"], (string?)key["createdAt"]));
        Assert.True((bool)key["isMaster"]!);
    }

    [Fact]
    public async Task Bybit_query_api_shows_a_read_only_unbound_key_with_every_read_scope_and_its_expiry()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
        {
            var main = c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == TestSimulator.Key("bybit").ApiKey)!;
            main["expiresAt"] = "2023-12-01T00:00:00Z";
        });

        var (_, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("bybit").KeyFacts(sim.Host.BaseUrl("bybit"), TestSimulator.Key("bybit"), sim.Now));

        var key = body!["result"]!;
        Assert.Equal(1, (int)key["readOnly"]!);
        Assert.Equal(["AccountTransfer", "SubMemberTransfer"], key["permissions"]!["Wallet"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["Earn"], key["permissions"]!["Earn"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["*"], key["ips"]!.AsArray().Select(ip => (string)ip!));
        Assert.Equal(("2023-12-01T00:00:00Z", 17), ((string?)key["expiredAt"], (int)key["deadlineDay"]!));
    }

    [Fact]
    public async Task HitBtc_rights_are_probed_by_endpoint()
    {
        await using var sim = await StartWithRightsAsync("hitbtc", "read");
        var key = TestSimulator.Key("hitbtc");

        var wallet = await sim.SendAsync(ExchangeSigner.For("hitbtc").KeyFacts(sim.Host.BaseUrl("hitbtc"), key, sim.Now));
        var order = await sim.SendAsync(HitBtcSigner.Get(sim.Host.BaseUrl("hitbtc"), "/api/3/spot/order", key, sim.Now));

        Assert.Equal(403, (int)wallet.StatusCode);
        Assert.Equal(403, (int)order.StatusCode);
    }

    [Fact]
    public async Task Bittrex_account_names_the_account()
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("bittrex").KeyFacts(sim.Host.BaseUrl("bittrex"), TestSimulator.Key("bittrex"), sim.Now));

        Assert.Equal(200, status);
        Assert.True(Guid.TryParse((string?)body!["accountId"], out _));
    }

    [Fact]
    public async Task Kraken_api_key_info_lists_the_rights_in_kraken_codes_with_the_allowlist_and_the_nonce()
    {
        await using var sim = await StartWithRightsAsync("kraken", "read", "spot", "withdraw");
        var key = TestSimulator.Key("kraken");
        var origin = sim.Host.BaseUrl("kraken");

        var (status, body, _) = await sim.SendJsonAsync(KrakenSigner.Post(origin, "/0/private/GetApiKeyInfo", key, "1700000000123456"));

        var info = body!["result"]!;
        Assert.Equal(200, status);
        Assert.Empty(body["error"]!.AsArray());
        Assert.Equal(["query-funds", "query-open-trades", "query-closed-trades", "query-ledger", "modify-trades", "close-trades", "withdraw-funds"], info["permissions"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(["127.0.0.1", "10.0.0.1"], info["ipAllowlist"]!.AsArray().Select(ip => (string)ip!));
        Assert.Equal("facts", (string?)info["apiKeyName"]);
        Assert.Equal(key.ApiKey, (string?)info["apiKey"]);
        Assert.Equal("1700000000123456", (string?)info["nonce"]);
        Assert.Equal("0", (string?)info["validUntil"]);
        Assert.Equal("1672876800", (string?)info["createdTime"]);
        Assert.Matches("^[A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4}$", (string?)info["iban"]);
    }

    [Fact]
    public async Task Kraken_api_key_info_needs_no_right_and_names_the_expiry_date()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
        {
            var main = c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == TestSimulator.Key("kraken").ApiKey)!;
            main["permissions"] = new JsonArray();
            main["expiresAt"] = "2027-01-01T00:00:00Z";
        });

        var (_, body, _) = await sim.SendJsonAsync(ExchangeSigner.For("kraken").KeyFacts(sim.Host.BaseUrl("kraken"), TestSimulator.Key("kraken"), sim.Now));
        var (_, balance, _) = await sim.SendJsonAsync(ExchangeSigner.For("kraken").Balance(sim.Host.BaseUrl("kraken"), TestSimulator.Key("kraken"), sim.Now));

        Assert.Empty(body!["result"]!["permissions"]!.AsArray());
        Assert.Equal("1798761600", (string?)body["result"]!["validUntil"]);
        Assert.Equal("EGeneral:Permission denied", (string?)balance!["error"]![0]);
    }

    [Fact]
    public async Task Kucoin_api_key_shows_the_permission_tokens_the_masked_whitelist_and_the_uid()
    {
        await using var sim = await StartWithRightsAsync("kucoin", "read", "spot", "transfer", "withdraw");

        var (status, body, response) = await sim.SendJsonAsync(ExchangeSigner.For("kucoin").KeyFacts(sim.Host.BaseUrl("kucoin"), TestSimulator.Key("kucoin"), sim.Now));

        var data = body!["data"]!;
        Assert.Equal(200, status);
        Assert.Equal("200000", (string?)body["code"]);
        Assert.Equal("General,Spot,InnerTransfer,Transfer", (string?)data["permission"]);
        Assert.Equal("127.**.1,10.**.1", (string?)data["ipWhitelist"]);
        Assert.Equal("facts", (string?)data["remark"]);
        Assert.Equal(TestSimulator.Key("kucoin").ApiKey, (string?)data["apiKey"]);
        Assert.Equal(3, (int)data["apiVersion"]!);
        Assert.Equal(1672876800000, (long)data["createdAt"]!);
        Assert.True((bool)data["isMaster"]!);
        Assert.True((long)data["uid"]! > 0);
        Assert.Equal("2000", response.Headers.GetValues("gw-ratelimit-limit").Single());
        Assert.Equal("1980", response.Headers.GetValues("gw-ratelimit-remaining").Single());
    }

    [Theory]
    [InlineData("binance", "/api/v3/ticker/price?symbol=BTCUSDT", "$.price")]
    [InlineData("okx", "/api/v5/market/tickers?instType=SPOT", "$.data[BTC-USDT].last")]
    [InlineData("htx", "/market/tickers", "$.data[btcusdt].close")]
    [InlineData("bitfinex", "/v2/tickers?symbols=tBTCUSD", "$[0][7]")]
    [InlineData("hitbtc", "/api/3/public/ticker", "$.BTCUSDT.last")]
    [InlineData("gate", "/api/v4/spot/tickers?currency_pair=BTC_USDT", "$[0].last")]
    [InlineData("bittrex", "/v3/markets/tickers", "$[BTC-USDT].lastTradeRate")]
    [InlineData("kraken", "/0/public/Ticker?pair=XBTUSD", "$.result.XXBTZUSD.c[0]")]
    [InlineData("bybit", "/v5/market/tickers?category=spot&symbol=BTCUSDT", "$.result.list[0].lastPrice")]
    [InlineData("kucoin", "/api/v1/market/allTickers", "$.data.ticker[BTC-USDT].last")]
    [InlineData("coinbase", "/api/v3/brokerage/market/products?product_type=SPOT", "$.products[BTC-USD].price")]
    public async Task Public_tickers_give_the_configured_usd_price(string exchange, string path, string where)
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl(exchange), path)));

        Assert.Equal(200, status);
        var price = where switch
        {
            "$.price" => body!["price"],
            "$.data[BTC-USDT].last" => body!["data"]!.AsArray().First(t => (string?)t!["instId"] == "BTC-USDT")!["last"],
            "$.data[btcusdt].close" => body!["data"]!.AsArray().First(t => (string?)t!["symbol"] == "btcusdt")!["close"],
            "$[0][7]" => body![0]![7],
            "$.BTCUSDT.last" => body!["BTCUSDT"]!["last"],
            "$.result.XXBTZUSD.c[0]" => body!["result"]!["XXBTZUSD"]!["c"]![0],
            "$[0].last" => body![0]!["last"],
            "$.result.list[0].lastPrice" => body!["result"]!["list"]![0]!["lastPrice"],
            "$.products[BTC-USD].price" => body!["products"]!.AsArray().First(t => (string?)t!["product_id"] == "BTC-USD")!["price"],
            "$.data.ticker[BTC-USDT].last" => body!["data"]!["ticker"]!.AsArray().First(t => (string?)t!["symbol"] == "BTC-USDT")!["last"],
            _ => body!.AsArray().First(t => (string?)t!["symbol"] == "BTC-USDT")!["lastTradeRate"],
        };
        Assert.Equal(65000m, BalanceReader.D(price));
    }
}
