using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;
using Keyfolio.Simulator.Tests.ThirdPartyClients;

namespace Keyfolio.Simulator.Tests.Exchanges.Okx;

/// <summary>OKX's sub-account endpoints for master accounts at their real paths: the list paged by creation time, each
/// sub-account's trading and funding balances, the signature checked, and a sub-account's own key refused.</summary>
public sealed class OkxSubAccountEndpointTests
{
    private static JsonObject Okx(JsonObject config, string label) =>
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "okx" && (string?)a["label"] == label)!.AsObject();

    private static void WithSubAccounts(JsonObject config)
    {
        var main = Okx(config, "main");
        main["subAccounts"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "Desk1",
                ["label"] = "Desk one",
                ["balances"] = new JsonArray(
                    new JsonObject { ["wallet"] = "spot", ["asset"] = "USDT", ["free"] = "250", ["locked"] = "50" },
                    new JsonObject { ["wallet"] = "funding", ["asset"] = "ETH", ["free"] = "0.5" }),
            },
            new JsonObject { ["name"] = "Frozen2", ["frozen"] = true });

        // The key with no rights becomes a sub-account's own read-only key.
        var sub = Okx(config, "no-rights");
        sub["permissions"] = new JsonArray("read");
        sub["mainUid"] = (string?)main["uid"];
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string pathAndQuery, TestKey? key = null, Tamper tamper = Tamper.None) =>
        sim.SendJsonAsync(OkxSigner.Get(sim.Host.BaseUrl("okx"), pathAndQuery, key ?? TestSimulator.Key("okx"), sim.Now, tamper));

    [Fact]
    public async Task The_list_is_newest_first_paged_by_creation_time_and_filtered_by_enable()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, all, _) = await GetAsync(sim, "/api/v5/users/subaccount/list");
        var (_, first, _) = await GetAsync(sim, "/api/v5/users/subaccount/list?limit=1");
        var after = (string?)first!["data"]![0]!["ts"];
        var (_, next, _) = await GetAsync(sim, "/api/v5/users/subaccount/list?limit=1&after=" + after);
        var (_, enabled, _) = await GetAsync(sim, "/api/v5/users/subaccount/list?enable=true");
        var (_, tooMany, _) = await GetAsync(sim, "/api/v5/users/subaccount/list?limit=101");

        Assert.Equal(["Frozen2", "Desk1"], all!["data"]!.AsArray().Select(s => (string?)s!["subAcct"]));
        Assert.Equal(("Desk one", true, "1"), ((string?)all["data"]![1]!["label"], (bool)all["data"]![1]!["enable"]!, (string?)all["data"]![1]!["type"]));
        Assert.Equal("Desk1", (string?)Assert.Single(next!["data"]!.AsArray())!["subAcct"]);
        Assert.Equal(["Desk1"], enabled!["data"]!.AsArray().Select(s => (string?)s!["subAcct"]));
        Assert.Equal("51000", (string?)tooMany!["code"]);
    }

    [Fact]
    public async Task A_sub_accounts_trading_and_funding_balances_have_the_shape_of_the_masters_own()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, trading, _) = await GetAsync(sim, "/api/v5/account/subaccount/balances?subAcct=Desk1");
        var (_, funding, _) = await GetAsync(sim, "/api/v5/asset/subaccount/balances?subAcct=Desk1");
        var (_, missing, _) = await GetAsync(sim, "/api/v5/asset/subaccount/balances");

        var usdt = Assert.Single(trading!["data"]![0]!["details"]!.AsArray())!;
        Assert.Equal(("USDT", "300", "50"), ((string?)usdt["ccy"], (string?)usdt["eq"], (string?)usdt["frozenBal"]));
        var eth = Assert.Single(funding!["data"]!.AsArray())!;
        Assert.Equal(("ETH", "0.5"), ((string?)eth["ccy"], (string?)eth["bal"]));
        Assert.Equal("51000", (string?)missing!["code"]);
    }

    [Fact]
    public async Task A_sub_accounts_own_key_a_name_of_no_sub_account_and_a_bad_signature_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, list, _) = await GetAsync(sim, "/api/v5/users/subaccount/list", TestSimulator.NoRightsKey("okx"));
        var (_, other, _) = await GetAsync(sim, "/api/v5/account/subaccount/balances?subAcct=Nobody");
        var (status, forged, _) = await GetAsync(sim, "/api/v5/users/subaccount/list", tamper: Tamper.Secret);

        Assert.Equal(("50030", "No permission to use this API"), ((string?)list!["code"], (string?)list["msg"]));
        Assert.Equal("50030", (string?)other!["code"]);
        Assert.Equal((401, "50113"), (status, (string?)forged!["code"]));
    }

    [Fact]
    public async Task Unmodified_ccxt_lists_the_sub_accounts_and_reads_one_s_trading_and_funding_balances()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(WithSubAccounts);
        var list = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), TestSimulator.Key("okx"));
        var trading = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), TestSimulator.Key("okx"));
        trading["params"] = new JsonObject { ["subAcct"] = "Desk1" };
        var funding = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), TestSimulator.Key("okx"));
        funding["params"] = new JsonObject { ["subAcct"] = "Desk1" };

        var listed = await CcxtClient.CallAsync(list, "privateGetUsersSubaccountList");
        var tradingRead = await CcxtClient.CallAsync(trading, "privateGetAccountSubaccountBalances");
        var fundingRead = await CcxtClient.CallAsync(funding, "privateGetAssetSubaccountBalances");

        Assert.True((bool)listed["ok"]!, (string?)listed["error"]);
        Assert.Equal(["Frozen2", "Desk1"], listed["response"]!["data"]!.AsArray().Select(s => (string?)s!["subAcct"]));
        Assert.True((bool)tradingRead["ok"]!, (string?)tradingRead["error"]);
        Assert.Equal("USDT", (string?)tradingRead["response"]!["data"]![0]!["details"]![0]!["ccy"]);
        Assert.True((bool)fundingRead["ok"]!, (string?)fundingRead["error"]);
        Assert.Equal("ETH", (string?)fundingRead["response"]!["data"]![0]!["ccy"]);
    }
}
