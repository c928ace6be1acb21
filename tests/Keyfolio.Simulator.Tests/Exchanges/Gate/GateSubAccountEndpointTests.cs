using System.Globalization;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Gate;

/// <summary>Gate's sub-account endpoints for the main account at their real paths: the list, the wallet's spot, isolated
/// margin, perpetual futures and cross margin balances of each sub-account, the signature checked, the limits counted, a
/// uid of no sub-account and a sub-account's own key refused.</summary>
public sealed class GateSubAccountEndpointTests
{
    private static JsonObject Gate(JsonObject config, string label) =>
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "gate" && (string?)a["label"] == label)!.AsObject();

    private static void WithSubAccounts(JsonObject config)
    {
        var main = Gate(config, "main");
        main["subAccounts"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "desk_01",
                ["label"] = "Trading desk",
                ["uid"] = "555001",
                ["balances"] = new JsonArray(
                    new JsonObject { ["wallet"] = "spot", ["asset"] = "ETH", ["free"] = "2", ["locked"] = "0.5" },
                    new JsonObject { ["wallet"] = "margin", ["asset"] = "BTC", ["free"] = "0.3", ["borrowed"] = "0.1", ["interest"] = "0.001" },
                    new JsonObject { ["wallet"] = "futures", ["asset"] = "USDT", ["free"] = "300", ["locked"] = "20", ["unrealisedPnl"] = "-4.5" },
                    new JsonObject { ["wallet"] = "cross-margin", ["asset"] = "USDT", ["free"] = "150", ["locked"] = "10", ["borrowed"] = "20", ["interest"] = "0.5" }),
            },
            new JsonObject { ["name"] = "savings_01", ["uid"] = "555002", ["frozen"] = true });

        // The key with no rights becomes a sub-account's own read-only key.
        var sub = Gate(config, "no-rights");
        sub["permissions"] = new JsonArray("read");
        sub["mainUid"] = (string?)main["uid"];
    }

    private static HttpRequestMessage Get(Uri origin, string path, string query, TestKey key, DateTimeOffset now, string? secret = null)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, query.Length == 0 ? path : path + "?" + query));
        request.Headers.Add("KEY", key.ApiKey);
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("SIGN", GateSigner.Sign(secret ?? key.Secret, "GET", path, query, "", timestamp));
        return request;
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string path, string query = "", TestKey? key = null) =>
        sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), path, query, key ?? TestSimulator.Key("gate"), sim.Now));

    [Fact]
    public async Task The_list_gives_each_sub_account_by_user_id_with_its_login_name_remark_and_state()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, list, response) = await GetAsync(sim, "/api/v4/sub_accounts", "type=0");
        var (badType, refusal, _) = await GetAsync(sim, "/api/v4/sub_accounts", "type=2");

        Assert.Equal(200, status);
        var subs = list!.AsArray();
        Assert.Equal([(555001L, "desk_01", "Trading desk", 1), (555002L, "savings_01", "", 2)], subs.Select(s => ((long)s!["user_id"]!, (string?)s["login_name"], (string?)s["remark"], (int)s["state"]!)));
        Assert.Equal(1, (int)subs[0]!["type"]!);
        Assert.Equal("79", response.Headers.GetValues("X-Gate-RateLimit-Requests-Remain").Single());
        Assert.Equal((400, "INVALID_PARAM_VALUE"), (badType, (string?)refusal!["label"]));
    }

    [Fact]
    public async Task Spot_balances_give_available_and_locking_per_currency_and_a_row_for_a_sub_account_holding_nothing()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (status, all, response) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances");
        var (_, one, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances", "sub_uid=555002");
        var (_, secondPage, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances", "page=2&limit=1");
        var (tooMany, _, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances", "limit=101");

        Assert.Equal(200, status);
        var desk = all!.AsArray()[0]!;
        Assert.Equal(("555001", "2", "0.5"), ((string?)desk["uid"], (string?)desk["available"]!["ETH"], (string?)desk["locking"]!["ETH"]));
        var savings = Assert.Single(one!.AsArray())!;
        Assert.Equal("555002", (string?)savings["uid"]);
        Assert.Empty(savings["available"]!.AsObject());
        Assert.Equal("555002", (string?)Assert.Single(secondPage!.AsArray())!["uid"]);
        Assert.Equal(400, tooMany);
        Assert.Equal("79", response.Headers.GetValues("X-Gate-RateLimit-Requests-Remain").Single());
    }

    [Fact]
    public async Task Margin_futures_and_cross_margin_balances_are_each_sub_accounts_as_the_main_accounts_own_endpoints_give_them()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);

        var (_, margin, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_margin_balances", "sub_uid=555001");
        var (_, usdt, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_futures_balances", "sub_uid=555001&settle=usdt");
        var (_, every, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_futures_balances", "sub_uid=555001");
        var (_, cross, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_cross_margin_balances");

        var pair = Assert.Single(Assert.Single(margin!.AsArray())!["available"]!.AsArray())!;
        Assert.Equal(("BTC_USDT", "0.3", "0.1", "0.001"), ((string?)pair["currency_pair"], (string?)pair["base"]!["available"], (string?)pair["base"]!["borrowed"], (string?)pair["base"]!["interest"]));
        var account = Assert.Single(usdt!.AsArray())!["available"]!.AsObject();
        Assert.Equal(["usdt"], account.Select(a => a.Key));
        Assert.Equal(("USDT", "320", "-4.5", "300"), ((string?)account["usdt"]!["currency"], (string?)account["usdt"]!["total"], (string?)account["usdt"]!["unrealised_pnl"], (string?)account["usdt"]!["available"]));
        var settles = Assert.Single(every!.AsArray())!["available"]!.AsObject();
        Assert.Equal(["btc", "usd", "usdt"], settles.Select(a => a.Key));
        Assert.Empty(settles["btc"]!.AsObject());
        var rows = cross!.AsArray();
        Assert.Equal((555001L, "160", "20", "0.5"), ((long)rows[0]!["available"]!["user_id"]!, (string?)rows[0]!["available"]!["total"], (string?)rows[0]!["available"]!["borrowed"], (string?)rows[0]!["available"]!["interest"]));
        Assert.Equal(("150", "10"), ((string?)rows[0]!["available"]!["balances"]!["USDT"]!["available"], (string?)rows[0]!["available"]!["balances"]!["USDT"]!["freeze"]));
        Assert.Equal(0L, (long)rows[1]!["available"]!["user_id"]!);
    }

    [Fact]
    public async Task A_uid_of_no_sub_account_is_not_found_and_a_sub_accounts_own_key_is_refused_while_it_reads_its_own_spot()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);
        var own = TestSimulator.NoRightsKey("gate");

        var (unknown, notFound, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances", "sub_uid=999999");
        var (listStatus, list, _) = await GetAsync(sim, "/api/v4/sub_accounts", "type=0", own);
        var (spotStatus, spot, _) = await GetAsync(sim, "/api/v4/wallet/sub_account_balances", "", own);
        var (ownStatus, _, _) = await GetAsync(sim, "/api/v4/spot/accounts", "", own);

        Assert.Equal((400, "SUB_ACCOUNT_NOT_FOUND"), (unknown, (string?)notFound!["label"]));
        Assert.Equal((403, "FORBIDDEN"), (listStatus, (string?)list!["label"]));
        Assert.Equal((403, "FORBIDDEN"), (spotStatus, (string?)spot!["label"]));
        Assert.Equal(200, ownStatus);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_before_anything_is_listed()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubAccounts);
        var key = TestSimulator.Key("gate");

        var (status, body, _) = await sim.SendJsonAsync(Get(sim.Host.BaseUrl("gate"), "/api/v4/sub_accounts", "type=0", key, sim.Now, secret: "not-the-secret"));

        Assert.Equal((401, "INVALID_SIGNATURE"), (status, (string?)body!["label"]));
    }
}
