using System.Text.Json;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;
using Keyfolio.Simulator.Tests.ThirdPartyClients;

namespace Keyfolio.Simulator.Tests.Exchanges.Kucoin;

/// <summary>KuCoin's sub-account endpoints for the master account at their real paths: the account summary's count, the
/// list paged as documented, the futures overview per settlement currency, the signature checked, the pools counted,
/// and a sub-account's own key refused.</summary>
public sealed class KucoinSubAccountEndpointTests
{
    private static JsonObject Kucoin(JsonObject config, string label) =>
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "kucoin" && (string?)a["label"] == label)!.AsObject();

    private static void WithSubAccounts(JsonObject config)
    {
        var main = Kucoin(config, "main");
        main["subAccounts"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "desk01",
                ["uid"] = "555001",
                ["balances"] = new JsonArray(
                    new JsonObject { ["wallet"] = "main", ["asset"] = "USDT", ["free"] = "150" },
                    new JsonObject { ["wallet"] = "trade", ["asset"] = "ETH", ["free"] = "2", ["locked"] = "0.5" },
                    new JsonObject { ["wallet"] = "margin", ["asset"] = "BTC", ["free"] = "0.1" },
                    new JsonObject { ["wallet"] = "futures", ["asset"] = "USDT", ["free"] = "300", ["locked"] = "20", ["unrealisedPnl"] = "-4.5" },
                    new JsonObject { ["wallet"] = "futures", ["asset"] = "BTC", ["free"] = "0.02" }),
            },
            new JsonObject { ["name"] = "savings01" });

        // The key with no rights becomes a sub-account's own General key.
        var sub = Kucoin(config, "no-rights");
        sub["permissions"] = new JsonArray("read");
        sub["mainUid"] = (string?)main["uid"];
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string pathAndQuery, TestKey? key = null) =>
        sim.SendJsonAsync(KucoinSigner.Get(sim.Host.BaseUrl("kucoin"), pathAndQuery, key ?? TestSimulator.Key("kucoin"), sim.Now));

    [Fact]
    public async Task The_account_summary_counts_the_sub_accounts_and_a_sub_accounts_own_key_counts_none()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, master, response) = await GetAsync(sim, "/api/v2/user-info");
        var (_, own, _) = await GetAsync(sim, "/api/v2/user-info", TestSimulator.NoRightsKey("kucoin"));

        Assert.Equal(200, status);
        Assert.Equal("200000", (string?)master!["code"]);
        Assert.Equal((2, 2, 1, 1), ((int)master["data"]!["subQuantity"]!, (int)master["data"]!["spotSubQuantity"]!, (int)master["data"]!["marginSubQuantity"]!, (int)master["data"]!["futuresSubQuantity"]!));
        Assert.Equal(0, (int)own!["data"]!["subQuantity"]!);
        Assert.Equal("1980", response.Headers.GetValues("gw-ratelimit-remaining").Single());
    }

    [Fact]
    public async Task The_list_gives_each_sub_accounts_funding_spot_and_margin_balances_as_strings_paged_from_ten()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, list, response) = await GetAsync(sim, "/api/v2/sub-accounts?currentPage=1&pageSize=100");
        var (_, byDefault, _) = await GetAsync(sim, "/api/v2/sub-accounts");

        Assert.Equal(200, status);
        var data = list!["data"]!;
        Assert.Equal((1, 100, 2, 1), ((int)data["currentPage"]!, (int)data["pageSize"]!, (int)data["totalNum"]!, (int)data["totalPage"]!));
        var desk = data["items"]![0]!;
        Assert.Equal(("desk01", "0000000000000000000877f9"), ((string?)desk["subName"], (string?)desk["subUserId"]));
        var eth = Assert.Single(desk["tradeAccounts"]!.AsArray())!;
        Assert.Equal(("ETH", "2.5", "2", "0.5", JsonValueKind.String), ((string?)eth["currency"], (string?)eth["balance"], (string?)eth["available"], (string?)eth["holds"], eth["balance"]!.GetValueKind()));
        Assert.Equal("USDT", (string?)Assert.Single(desk["mainAccounts"]!.AsArray())!["currency"]);
        Assert.Equal("BTC", (string?)Assert.Single(desk["marginAccounts"]!.AsArray())!["currency"]);
        Assert.Empty(desk["tradeHFAccounts"]!.AsArray());
        Assert.Empty(data["items"]![1]!["mainAccounts"]!.AsArray());
        Assert.Equal(10, (int)byDefault!["data"]!["pageSize"]!);
        Assert.Equal("1980", response.Headers.GetValues("gw-ratelimit-remaining").Single());
    }

    [Fact]
    public async Task The_futures_overview_lists_the_sub_accounts_with_futures_and_the_master_as_main_one_currency_a_call()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, usdt, response) = await GetAsync(sim, "/api/v1/account-overview-all?currency=USDT");
        var (_, xbt, _) = await GetAsync(sim, "/api/v1/account-overview-all");

        Assert.Equal(200, status);
        var accounts = usdt!["data"]!["accounts"]!.AsArray();
        Assert.Equal(["desk01", "main"], accounts.Select(a => (string?)a!["accountName"]));
        Assert.Equal((315.5m, -4.5m, 300m, JsonValueKind.Number), ((decimal)accounts[0]!["accountEquity"]!, (decimal)accounts[0]!["unrealisedPNL"]!, (decimal)accounts[0]!["availableBalance"]!, accounts[0]!["accountEquity"]!.GetValueKind()));
        Assert.Equal(("USDT", 315.5m), ((string?)usdt["data"]!["summary"]!["currency"], (decimal)usdt["data"]!["summary"]!["accountEquityTotal"]!));
        Assert.Equal(("XBT", 0.02m), ((string?)xbt!["data"]!["accounts"]![0]!["currency"], (decimal)xbt["data"]!["accounts"]![0]!["accountEquity"]!));
        Assert.Equal("1994", response.Headers.GetValues("gw-ratelimit-remaining").Single());
    }

    [Fact]
    public async Task A_sub_accounts_own_key_is_refused_on_the_list_and_the_overview_and_still_reads_its_own_accounts()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);
        var own = TestSimulator.NoRightsKey("kucoin");

        var (listStatus, list, _) = await GetAsync(sim, "/api/v2/sub-accounts?currentPage=1&pageSize=100", own);
        var (futuresStatus, futures, _) = await GetAsync(sim, "/api/v1/account-overview-all?currency=USDT", own);
        var (accountsStatus, _, _) = await GetAsync(sim, "/api/v1/accounts", own);

        Assert.Equal((403, "400007"), (listStatus, (string?)list!["code"]));
        Assert.Equal((403, "400007"), (futuresStatus, (string?)futures!["code"]));
        Assert.Equal(200, accountsStatus);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_before_anything_is_listed()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);
        var key = TestSimulator.Key("kucoin");

        var (status, body, _) = await sim.SendJsonAsync(KucoinSigner.Get(sim.Host.BaseUrl("kucoin"), "/api/v2/sub-accounts", key, sim.Now, Tamper.Secret));

        Assert.Equal((401, "400004"), (status, (string?)body!["code"]));
    }

    [Fact]
    public async Task Unmodified_ccxt_counts_lists_and_reads_the_futures_of_the_sub_accounts()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(WithSubAccounts);
        JsonObject Call(JsonObject parameters)
        {
            var arguments = CcxtClient.Arguments("kucoin", sim.BaseUrl("kucoin"), TestSimulator.Key("kucoin"));
            arguments["options"] = JsonNode.Parse("{\"uta\":false}");
            arguments["params"] = parameters;
            return arguments;
        }

        var summary = await CcxtClient.CallAsync(Call([]), "privateGetUserInfo");
        var list = await CcxtClient.CallAsync(Call(new JsonObject { ["currentPage"] = 1, ["pageSize"] = 100 }), "privateGetSubAccounts");
        var futures = await CcxtClient.CallAsync(Call(new JsonObject { ["currency"] = "USDT" }), "futuresPrivateGetAccountOverviewAll");

        Assert.True((bool)summary["ok"]!, (string?)summary["error"]);
        Assert.Equal(2, (int)summary["response"]!["data"]!["subQuantity"]!);
        Assert.True((bool)list["ok"]!, (string?)list["error"]);
        Assert.Equal(["desk01", "savings01"], list["response"]!["data"]!["items"]!.AsArray().Select(s => (string?)s!["subName"]));
        Assert.True((bool)futures["ok"]!, (string?)futures["error"]);
        Assert.Equal(["desk01", "main"], futures["response"]!["data"]!["accounts"]!.AsArray().Select(a => (string?)a!["accountName"]));
    }
}
