using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>The wallet endpoints and the public lists clients load first, served at the exchanges' real paths with their limits.</summary>
public sealed class WalletEndpointTests
{
    private static void AddOkxEarn(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "okx" && (string?)a["label"] == "main")!;
        var balances = main["balances"]!.AsArray();
        balances.Add(new JsonObject { ["wallet"] = "earn", ["asset"] = "USDT", ["free"] = "90", ["locked"] = "10" });
        balances.Add(new JsonObject { ["wallet"] = "staking", ["asset"] = "ETH", ["free"] = "1" });
        balances.Add(new JsonObject { ["wallet"] = "staking", ["asset"] = "DOT", ["free"] = "30" });
    }

    [Fact]
    public async Task Okx_savings_are_limited_to_six_a_second_per_account()
    {
        await using var sim = await TestSimulator.StartAsync(AddOkxEarn);
        var origin = sim.Host.BaseUrl("okx");

        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var (status, body, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/savings/balance", TestSimulator.Key("okx"), sim.Now));
            statuses.Add(status);
            if (i == 0)
            {
                Assert.Equal("100", (string?)body!["data"]![0]!["amt"]);
            }
        }

        Assert.Equal([200, 200, 200, 200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task Okx_on_chain_orders_are_filtered_by_currency_and_limited_to_three_a_second()
    {
        await using var sim = await TestSimulator.StartAsync(AddOkxEarn);
        var origin = sim.Host.BaseUrl("okx");

        var (_, eth, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/staking-defi/orders-active?ccy=ETH", TestSimulator.Key("okx"), sim.Now));
        var (_, all, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/staking-defi/orders-active", TestSimulator.Key("okx"), sim.Now));
        var (_, redeeming, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/staking-defi/orders-active?state=2", TestSimulator.Key("okx"), sim.Now));
        var (fourth, limited, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/staking-defi/orders-active", TestSimulator.Key("okx"), sim.Now));

        Assert.Equal("ETH", (string?)Assert.Single(eth!["data"]!.AsArray())!["investData"]![0]!["ccy"]);
        Assert.Equal(["DOT", "ETH"], all!["data"]!.AsArray().Select(o => (string)o!["ccy"]!).Order(StringComparer.Ordinal));
        Assert.Empty(redeeming!["data"]!.AsArray());
        Assert.Equal((429, "50011"), (fourth, (string?)limited!["code"]));
    }

    [Fact]
    public async Task Okx_earn_needs_the_read_permission()
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), "/api/v5/finance/savings/balance", TestSimulator.NoRightsKey("okx"), sim.Now));

        Assert.Equal((200, "50120"), (status, (string?)body!["code"]));
    }

    [Fact]
    public async Task A_borrowed_okx_currency_shows_its_cash_net_of_the_loan_and_the_liability_apart()
    {
        await using var sim = await TestSimulator.StartAsync(config =>
        {
            var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "okx" && (string?)a["label"] == "main")!;
            main["balances"] = new JsonArray(new JsonObject { ["wallet"] = "spot", ["asset"] = "USDT", ["free"] = "100", ["borrowed"] = "300", ["interest"] = "2", ["unrealisedPnl"] = "5" });
        });

        var (_, body, _) = await sim.SendJsonAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), "/api/v5/account/balance", TestSimulator.Key("okx"), sim.Now));

        var usdt = body!["data"]![0]!["details"]![0]!;
        Assert.Equal(("-202", "302", "5", "-197"), ((string?)usdt["cashBal"], (string?)usdt["liab"], (string?)usdt["upl"], (string?)usdt["eq"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Htx_accepts_the_host_signed_with_or_without_its_port(bool withPort)
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("htx");
        var key = TestSimulator.Key("htx");
        var query = HtxSigner.SortedQuery(
        [
            new("AccessKeyId", key.ApiKey), new("SignatureMethod", "HmacSHA256"), new("SignatureVersion", "2"), new("Timestamp", HtxSigner.Timestamp(sim.Now)),
        ]);
        var signature = HtxSigner.Sign(key.Secret, "GET", withPort ? origin.Authority : origin.Host, "/v1/account/accounts", query);
        var wrongHost = HtxSigner.Sign(key.Secret, "GET", "api.huobi.pro", "/v1/account/accounts", query);

        var (_, accepted, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/v1/account/accounts?" + query + "&Signature=" + Uri.EscapeDataString(signature))));
        var (_, refused, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/v1/account/accounts?" + query + "&Signature=" + Uri.EscapeDataString(wrongHost))));

        Assert.Equal("ok", (string?)accepted!["status"]);
        Assert.Equal(("error", "Signature not valid: Verification failure [校验失败]"), ((string?)refused!["status"], (string?)refused["err-msg"]));
    }

    [Theory]
    [InlineData("/linear-swap-api/v1/swap_contract_info", "BTC-USDT")]
    [InlineData("/swap-api/v1/swap_contract_info", "BTC-USD")]
    public async Task Htx_lists_a_perpetual_swap_per_priced_asset(string path, string btc)
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("htx"), path)));

        Assert.Equal((200, "ok"), (status, (string?)body!["status"]));
        var contracts = body["data"]!.AsArray();
        Assert.Equal([btc, btc.Replace("BTC", "ETH", StringComparison.Ordinal)], contracts.Select(c => (string)c!["contract_code"]!));
        Assert.All(contracts, c => Assert.Equal(1, (int)c!["contract_status"]!));
    }

    [Fact]
    public async Task Htx_lists_this_weeks_coin_margined_future_settled_on_the_next_friday()
    {
        await using var sim = await TestSimulator.StartAsync();

        var (_, body, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("htx"), "/api/v1/contract_contract_info?symbol=BTC")));

        var future = Assert.Single(body!["data"]!.AsArray())!;
        var delivery = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)future["delivery_time"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DayOfWeek.Friday, 8), (delivery.DayOfWeek, delivery.Hour));
        Assert.InRange(delivery, sim.Now, sim.Now.AddDays(7));
        Assert.Equal("BTC" + delivery.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture), (string?)future["contract_code"]);
    }

    [Theory]
    [InlineData("/v3/markets", "symbol", "BTC-USDT")]
    [InlineData("/v3/currencies", "symbol", "BTC")]
    public async Task Bittrex_serves_the_v3_lists(string path, string field, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("bittrex"), path)));

        Assert.Equal(200, status);
        Assert.Contains(expected, body!.AsArray().Select(item => (string)item![field]!));
    }

    [Theory]
    [InlineData("/v3/markets/ETH-USDT", 200, "ETH-USDT")]
    [InlineData("/v3/markets/XYZ-USDT", 404, "MARKET_DOES_NOT_EXIST")]
    [InlineData("/v3/currencies/eth", 200, "ETH")]
    [InlineData("/v3/currencies/XYZ", 404, "CURRENCY_DOES_NOT_EXIST")]
    public async Task Bittrex_serves_one_market_or_currency_or_says_it_does_not_exist(string path, int status, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var (answered, body, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("bittrex"), path)));

        Assert.Equal(status, answered);
        Assert.Equal(expected, (string?)(status == 200 ? body!["symbol"] : body!["code"]));
    }

    [Fact]
    public async Task A_fault_scoped_to_a_path_touches_only_that_path()
    {
        await using var sim = await TestSimulator.StartAsync(AddOkxEarn);
        sim.Host.Control.SetFault(new SimulatorFault { Exchange = "okx", Paths = ["/api/v5/finance/savings/balance"], Maintenance = true });
        var origin = sim.Host.BaseUrl("okx");

        var (savings, _, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/finance/savings/balance", TestSimulator.Key("okx"), sim.Now));
        var (trading, _, _) = await sim.SendJsonAsync(OkxSigner.Get(origin, "/api/v5/account/balance", TestSimulator.Key("okx"), sim.Now));

        Assert.Equal((503, 200), (savings, trading));
    }
}
