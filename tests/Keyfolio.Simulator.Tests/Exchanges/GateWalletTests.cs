using System.Globalization;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>Gate's wallet endpoints beside spot: their paths, bodies, the not-opened answer, the rights and the limits.</summary>
public sealed class GateWalletTests
{
    private static void AddWallets(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "gate" && (string?)a["label"] == "main")!;
        main["balances"] = new JsonArray(
            new JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "0.5", ["locked"] = "0.1" },
            new JsonObject { ["wallet"] = "margin", ["asset"] = "ETH", ["free"] = "3", ["locked"] = "1", ["borrowed"] = "2", ["interest"] = "0.01" },
            new JsonObject { ["wallet"] = "margin", ["asset"] = "USDT", ["free"] = "500" },
            new JsonObject { ["wallet"] = "futures", ["asset"] = "USDT", ["free"] = "800", ["locked"] = "200", ["unrealisedPnl"] = "-30" },
            new JsonObject { ["wallet"] = "delivery", ["asset"] = "USDT", ["free"] = "100" },
            new JsonObject { ["wallet"] = "options", ["asset"] = "USDT", ["free"] = "40", ["locked"] = "10", ["unrealisedPnl"] = "5" },
            new JsonObject { ["wallet"] = "earn", ["asset"] = "USDT", ["free"] = "1000", ["locked"] = "25" });
    }

    private static HttpRequestMessage Get(Uri origin, string path, string query, TestKey key, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, query.Length == 0 ? path : path + "?" + query));
        request.Headers.Add("KEY", key.ApiKey);
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("SIGN", GateSigner.Sign(key.Secret, "GET", path, query, "", timestamp));
        return request;
    }

    [Fact]
    public async Task Margin_pairs_show_available_including_what_was_borrowed_with_the_loan_beside_it()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);

        var (status, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), "/api/v4/margin/accounts", "", TestSimulator.Key("gate"), sim.Now));

        Assert.Equal(200, status);
        var pair = Assert.Single(body!.AsArray())!;
        Assert.Equal(("ETH_USDT", "mmr"), ((string?)pair["currency_pair"], (string?)pair["account_type"]));
        Assert.Equal(("ETH", "3", "1", "2", "0.01"), ((string?)pair["base"]!["currency"], (string?)pair["base"]!["available"], (string?)pair["base"]!["locked"], (string?)pair["base"]!["borrowed"], (string?)pair["base"]!["interest"]));
        Assert.Equal(("USDT", "500"), ((string?)pair["quote"]!["currency"], (string?)pair["quote"]!["available"]));
    }

    [Theory]
    [InlineData("/api/v4/futures/usdt/accounts", "1000", "-30")]
    [InlineData("/api/v4/delivery/usdt/accounts", "100", "0")]
    public async Task A_futures_account_shows_its_total_without_the_unrealised_profit(string path, string total, string pnl)
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);

        var (status, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), path, "", TestSimulator.Key("gate"), sim.Now));

        Assert.Equal(200, status);
        Assert.Equal(("USDT", total, pnl), ((string?)body!["currency"], (string?)body["total"], (string?)body["unrealised_pnl"]));
    }

    [Theory]
    [InlineData("/api/v4/futures/btc/accounts")]
    [InlineData("/api/v4/options/accounts")]
    public async Task An_account_never_funded_answers_user_not_found(string path)
    {
        await using var sim = await TestSimulator.StartAsync();

        var (status, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), path, "", TestSimulator.Key("gate"), sim.Now));

        Assert.Equal((400, "USER_NOT_FOUND"), (status, (string?)body!["label"]));
        Assert.StartsWith("please transfer funds first", (string?)body["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_equity_is_the_total_plus_the_position_value()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);

        var (_, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), "/api/v4/options/accounts", "", TestSimulator.Key("gate"), sim.Now));

        Assert.Equal(("50", "5", "55"), ((string?)body!["total"], (string?)body["position_value"], (string?)body["equity"]));
    }

    [Theory]
    [InlineData("page=1&limit=100", 200, 1)]
    [InlineData("currency=BTC", 200, 0)]
    [InlineData("page=2&limit=100", 200, 0)]
    [InlineData("limit=101", 400, -1)]
    public async Task Lending_orders_are_paged_by_at_most_a_hundred(string query, int status, int count)
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);

        var (answered, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), "/api/v4/earn/uni/lends", query, TestSimulator.Key("gate"), sim.Now));

        Assert.Equal(status, answered);
        if (count >= 0)
        {
            Assert.Equal(count, body!.AsArray().Count);
        }

        if (count == 1)
        {
            Assert.Equal(("1025", "25"), ((string?)body![0]!["amount"], (string?)body[0]!["frozen_amount"]));
        }
    }

    [Fact]
    public async Task The_total_balance_values_every_account_net_of_loans_in_usdt_or_btc()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);
        var origin = sim.Host.BaseUrl("gate");

        var (_, usdt, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/wallet/total_balance", "", TestSimulator.Key("gate"), sim.Now));
        var (_, btc, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/wallet/total_balance", "currency=BTC", TestSimulator.Key("gate"), sim.Now));

        // spot 0.6 BTC = 39000; margin (4 − 2 − 0.01) ETH = 6368 + 500; futures 970; delivery 100; options 55; earn 1025.
        Assert.Equal(("USDT", "48018"), ((string?)usdt!["total"]!["currency"], (string?)usdt["total"]!["amount"]));
        Assert.Equal("6868", (string?)usdt["details"]!["margin"]!["amount"]);
        Assert.Equal("1025", (string?)usdt["details"]!["finance"]!["amount"]);
        Assert.Equal("0.6", (string?)btc!["details"]!["spot"]!["amount"]);
    }

    [Fact]
    public async Task A_wallet_whose_group_is_not_readable_is_refused_while_spot_reads()
    {
        await using var sim = await TestSimulator.StartAsync(config =>
        {
            AddWallets(config);
            var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "gate" && (string?)a["label"] == "main")!;
            main["unreadableWallets"] = new JsonArray("futures");
        });
        var origin = sim.Host.BaseUrl("gate");

        var (futures, refusal, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/futures/usdt/accounts", "", TestSimulator.Key("gate"), sim.Now));
        var (spot, _, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/spot/accounts", "", TestSimulator.Key("gate"), sim.Now));
        var (_, keys, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/account/main_keys", "", TestSimulator.Key("gate"), sim.Now));

        Assert.Equal((403, "FORBIDDEN"), (futures, (string?)refusal!["label"]));
        Assert.Equal(200, spot);
        var perms = keys![0]!["perms"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.DoesNotContain("futures", perms);
        Assert.Contains("delivery", perms);
    }

    [Fact]
    public void Only_a_wallet_of_the_exchange_can_be_made_unreadable()
    {
        var config = TestSimulator.Config();
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "gate")!["unreadableWallets"] = new JsonArray("funding");

        var error = Assert.Throws<SimulatorConfigException>(() => SimulatorConfig.Parse(config.ToJsonString()));

        Assert.Contains("unreadableWallets[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_balance_is_limited_to_eighty_in_ten_seconds_per_account()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("gate");

        var statuses = new List<int>();
        for (var i = 0; i < 81; i++)
        {
            var (status, _, _) = await sim.SendJsonAsync(Get(origin, "/api/v4/wallet/total_balance", "", TestSimulator.Key("gate"), sim.Now));
            statuses.Add(status);
        }

        Assert.Equal(Enumerable.Repeat(200, 80).Append(429), statuses);
    }
}
