using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;
using Keyfolio.Simulator.Tests.ThirdPartyClients;

namespace Keyfolio.Simulator.Tests.Exchanges.Binance;

/// <summary>Binance's sub-account endpoints "For Master Account" at their real paths: paging as documented, the signature
/// checked, weights counted, and a sub-account's own key refused.</summary>
public sealed class BinanceSubAccountEndpointTests
{
    private static JsonObject Binance(JsonObject config, string label) =>
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "binance" && (string?)a["label"] == label)!.AsObject();

    private static void WithSubAccounts(JsonObject config)
    {
        var main = Binance(config, "main");
        main["subAccounts"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "desk@example.com",
                ["label"] = "Desk",
                ["uid"] = "555001",
                ["balances"] = new JsonArray(
                    new JsonObject { ["wallet"] = "spot", ["asset"] = "ETH", ["free"] = "2", ["locked"] = "0.5" },
                    new JsonObject { ["wallet"] = "usds-futures", ["asset"] = "USDT", ["free"] = "300", ["locked"] = "20", ["unrealisedPnl"] = "-4.5" },
                    new JsonObject { ["wallet"] = "coin-futures", ["asset"] = "BTC", ["free"] = "0.02" },
                    new JsonObject { ["wallet"] = "cross-margin", ["asset"] = "BNB", ["free"] = "10", ["borrowed"] = "2", ["interest"] = "0.01" }),
            },
            new JsonObject { ["name"] = "frozen@example.com", ["frozen"] = true });

        // The key with no rights becomes a sub-account's own read-only key.
        var sub = Binance(config, "no-rights");
        sub["permissions"] = new JsonArray("read");
        sub["mainUid"] = (string?)main["uid"];
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string path, string? parameters = null, TestKey? key = null) =>
        sim.SendJsonAsync(BinanceSigner.SignedGet(sim.Host.BaseUrl("binance"), path, parameters, key ?? TestSimulator.Key("binance"), sim.Now));

    [Fact]
    public async Task The_list_pages_one_sub_account_by_default_and_up_to_200_when_asked()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, byDefault, response) = await GetAsync(sim, "/sapi/v1/sub-account/list");
        var (_, all, _) = await GetAsync(sim, "/sapi/v1/sub-account/list", "limit=200");
        var (_, frozen, _) = await GetAsync(sim, "/sapi/v1/sub-account/list", "isFreeze=true&limit=200");
        var (tooMany, refused, _) = await GetAsync(sim, "/sapi/v1/sub-account/list", "limit=201");

        var first = Assert.Single(byDefault!["subAccounts"]!.AsArray())!;
        Assert.Equal(("desk@example.com", "Desk", false, 555001L), ((string?)first["email"], (string?)first["remark"], (bool)first["isFreeze"]!, (long)first["subUserId"]!));
        Assert.Equal(["desk@example.com", "frozen@example.com"], all!["subAccounts"]!.AsArray().Select(s => (string?)s!["email"]));
        Assert.Equal(["frozen@example.com"], frozen!["subAccounts"]!.AsArray().Select(s => (string?)s!["email"]));
        Assert.Equal((400, -1130), (tooMany, (int)refused!["code"]!));
        Assert.Equal("1", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
    }

    [Fact]
    public async Task A_sub_accounts_assets_are_its_spot_balances_as_json_numbers_with_weight_60()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, assets, response) = await GetAsync(sim, "/sapi/v3/sub-account/assets", "email=desk%40example.com");
        var (_, empty, _) = await GetAsync(sim, "/sapi/v3/sub-account/assets", "email=frozen%40example.com");
        var (missing, noEmail, _) = await GetAsync(sim, "/sapi/v3/sub-account/assets");

        Assert.Equal(200, status);
        var eth = Assert.Single(assets!["balances"]!.AsArray())!;
        Assert.Equal(("ETH", 2m, 0.5m), ((string?)eth["asset"], (decimal)eth["free"]!, (decimal)eth["locked"]!));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, eth["free"]!.GetValueKind());
        Assert.Empty(empty!["balances"]!.AsArray());
        Assert.Equal((400, -1102), (missing, (int)noEmail!["code"]!));
        Assert.Equal("60", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
    }

    [Fact]
    public async Task A_sub_accounts_own_key_and_an_email_of_no_sub_account_are_not_authorized()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (listStatus, list, _) = await GetAsync(sim, "/sapi/v1/sub-account/list", key: TestSimulator.NoRightsKey("binance"));
        var (assetsStatus, assets, _) = await GetAsync(sim, "/sapi/v3/sub-account/assets", "email=desk%40example.com", TestSimulator.NoRightsKey("binance"));
        var (otherStatus, other, _) = await GetAsync(sim, "/sapi/v3/sub-account/assets", "email=someone%40example.com");
        var (spotStatus, _, _) = await GetAsync(sim, "/api/v3/account", key: TestSimulator.NoRightsKey("binance"));

        Assert.Equal((401, -1002, "You are not authorized to execute this request."), (listStatus, (int)list!["code"]!, (string?)list["msg"]));
        Assert.Equal((401, -1002), (assetsStatus, (int)assets!["code"]!));
        Assert.Equal((401, -1002), (otherStatus, (int)other!["code"]!));
        Assert.Equal(200, spotStatus);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_before_anything_is_listed()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);
        var key = TestSimulator.Key("binance");
        var forged = new TestKey(key.Exchange, key.ApiKey, new string('0', key.Secret.Length), key.Passphrase);

        var (status, body, _) = await GetAsync(sim, "/sapi/v1/sub-account/list", key: forged);

        Assert.Equal((400, -1022), (status, (int)body!["code"]!));
    }

    [Fact]
    public async Task Unmodified_ccxt_lists_the_sub_accounts_and_reads_one_s_assets()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(WithSubAccounts);
        var list = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));
        list["params"] = new JsonObject { ["limit"] = 200 };
        var assets = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));
        assets["params"] = new JsonObject { ["email"] = "desk@example.com" };

        var listed = await CcxtClient.CallAsync(list, "sapiGetSubAccountList");
        var read = await CcxtClient.CallAsync(assets, "sapiV3GetSubAccountAssets");

        Assert.True((bool)listed["ok"]!, (string?)listed["error"]);
        Assert.Equal(["desk@example.com", "frozen@example.com"], listed["response"]!["subAccounts"]!.AsArray().Select(s => (string?)s!["email"]));
        Assert.True((bool)read["ok"]!, (string?)read["error"]);
        Assert.Equal("ETH", (string?)Assert.Single(read["response"]!["balances"]!.AsArray())!["asset"]);
    }
    [Fact]
    public async Task A_sub_accounts_status_futures_and_margin_are_served_as_documented_with_their_weights()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, status, statusResponse) = await GetAsync(sim, "/sapi/v1/sub-account/status", "email=desk%40example.com");
        var (_, everyStatus, _) = await GetAsync(sim, "/sapi/v1/sub-account/status");
        var (_, usds, futuresResponse) = await GetAsync(sim, "/sapi/v2/sub-account/futures/account", "email=desk%40example.com&futuresType=1");
        var (_, coin, _) = await GetAsync(sim, "/sapi/v2/sub-account/futures/account", "email=desk%40example.com&futuresType=2");
        var (_, margin, marginResponse) = await GetAsync(sim, "/sapi/v1/sub-account/margin/account", "email=desk%40example.com");

        var desk = Assert.Single(status!.AsArray())!;
        Assert.Equal(("desk@example.com", true, true), ((string?)desk["email"], (bool)desk["isMarginEnabled"]!, (bool)desk["isFutureEnabled"]!));
        Assert.Equal([(true, true), (false, false)], everyStatus!.AsArray().Select(s => ((bool)s!["isMarginEnabled"]!, (bool)s["isFutureEnabled"]!)));
        var usdt = Assert.Single(usds!["futureAccountResp"]!["assets"]!.AsArray())!;
        Assert.Equal(("USDT", "320.00000000", "-4.50000000", "315.50000000"), ((string?)usdt["asset"], (string?)usdt["walletBalance"], (string?)usdt["unrealizedProfit"], (string?)usdt["marginBalance"]));
        Assert.Equal("320.00000000", (string?)usds["futureAccountResp"]!["totalWalletBalance"]);
        Assert.Equal("BTC", (string?)Assert.Single(coin!["deliveryAccountResp"]!["assets"]!.AsArray())!["asset"]);
        Assert.Null(coin["futureAccountResp"]);
        var bnb = Assert.Single(margin!["marginUserAssetVoList"]!.AsArray())!;
        Assert.Equal(("BNB", "2.00000000", "7.99000000"), ((string?)bnb["asset"], (string?)bnb["borrowed"], (string?)bnb["netAsset"]));
        Assert.Equal("10", statusResponse.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        Assert.Equal("1", futuresResponse.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        Assert.Equal("10", marginResponse.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
    }

    [Fact]
    public async Task A_sub_account_without_futures_or_margin_says_so_in_its_status_and_a_bad_request_is_refused()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, status, _) = await GetAsync(sim, "/sapi/v1/sub-account/status", "email=frozen%40example.com");
        var (futuresStatus, futures, _) = await GetAsync(sim, "/sapi/v2/sub-account/futures/account", "email=frozen%40example.com&futuresType=1");
        var (noType, missingType, _) = await GetAsync(sim, "/sapi/v2/sub-account/futures/account", "email=desk%40example.com");
        var (badType, wrongType, _) = await GetAsync(sim, "/sapi/v2/sub-account/futures/account", "email=desk%40example.com&futuresType=3");
        var (otherStatus, other, _) = await GetAsync(sim, "/sapi/v1/sub-account/margin/account", "email=someone%40example.com");
        var (ownStatus, own, _) = await GetAsync(sim, "/sapi/v1/sub-account/status", key: TestSimulator.NoRightsKey("binance"));

        var frozen = Assert.Single(status!.AsArray())!;
        Assert.Equal((false, false), ((bool)frozen["isMarginEnabled"]!, (bool)frozen["isFutureEnabled"]!));
        Assert.Equal((401, -1002), (futuresStatus, (int)futures!["code"]!));
        Assert.Equal((400, -1102), (noType, (int)missingType!["code"]!));
        Assert.Equal((400, -1130), (badType, (int)wrongType!["code"]!));
        Assert.Equal((401, -1002), (otherStatus, (int)other!["code"]!));
        Assert.Equal((401, -1002), (ownStatus, (int)own!["code"]!));
    }

    [Fact]
    public async Task Unmodified_ccxt_reads_a_sub_accounts_status_futures_and_margin()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(WithSubAccounts);
        JsonObject Call(JsonObject parameters)
        {
            var arguments = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));
            arguments["params"] = parameters;
            return arguments;
        }

        var status = await CcxtClient.CallAsync(Call(new JsonObject { ["email"] = "desk@example.com" }), "sapiGetSubAccountStatus");
        var futures = await CcxtClient.CallAsync(Call(new JsonObject { ["email"] = "desk@example.com", ["futuresType"] = 1 }), "sapiV2GetSubAccountFuturesAccount");
        var margin = await CcxtClient.CallAsync(Call(new JsonObject { ["email"] = "desk@example.com" }), "sapiGetSubAccountMarginAccount");

        Assert.True((bool)status["ok"]!, (string?)status["error"]);
        Assert.True((bool)Assert.Single(status["response"]!.AsArray())!["isFutureEnabled"]!);
        Assert.True((bool)futures["ok"]!, (string?)futures["error"]);
        Assert.Equal("USDT", (string?)Assert.Single(futures["response"]!["futureAccountResp"]!["assets"]!.AsArray())!["asset"]);
        Assert.True((bool)margin["ok"]!, (string?)margin["error"]);
        Assert.Equal("BNB", (string?)Assert.Single(margin["response"]!["marginUserAssetVoList"]!.AsArray())!["asset"]);
    }
}
