using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;
using Keyfolio.Simulator.Tests.ThirdPartyClients;

namespace Keyfolio.Simulator.Tests.Exchanges.Htx;

/// <summary>HTX's sub-user endpoints for the parent account at their real paths: the list paged from <c>nextId</c>, each
/// sub-user's accounts with their rows, the signature checked, the limit counted, and a sub-user's own key refused.</summary>
public sealed class HtxSubUserEndpointTests
{
    private static JsonObject Htx(JsonObject config, string label) =>
        config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "htx" && (string?)a["label"] == label)!.AsObject();

    private static void WithSubUsers(JsonObject config)
    {
        var main = Htx(config, "main");
        var subs = new JsonArray(
            new JsonObject
            {
                ["name"] = "desk01",
                ["uid"] = "555001",
                ["balances"] = new JsonArray(
                    new JsonObject { ["wallet"] = "spot", ["asset"] = "ETH", ["free"] = "2", ["locked"] = "0.5" },
                    new JsonObject { ["wallet"] = "super-margin", ["asset"] = "USDT", ["free"] = "500", ["borrowed"] = "120", ["interest"] = "0.5" }),
            },
            new JsonObject { ["name"] = "savings01", ["uid"] = "555002", ["frozen"] = true });
        for (var i = 0; i < 100; i++)
        {
            subs.Add(new JsonObject { ["name"] = "bulk" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["uid"] = (556000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        main["subAccounts"] = subs;

        // The key with no rights becomes a sub-user's own read-only key.
        var sub = Htx(config, "no-rights");
        sub["permissions"] = new JsonArray("read");
        sub["mainUid"] = (string?)main["uid"];
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string path, TestKey? key = null, params KeyValuePair<string, string>[] extra) =>
        sim.SendJsonAsync(HtxSigner.Get(sim.Host.BaseUrl("htx"), path, extra, key ?? TestSimulator.Key("htx"), sim.Now));

    [Fact]
    public async Task The_list_gives_100_sub_users_by_ascending_uid_then_the_rest_from_next_id()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubUsers);

        var (status, first, _) = await GetAsync(sim, "/v2/sub-user/user-list");
        var (_, second, _) = await GetAsync(sim, "/v2/sub-user/user-list", extra: new KeyValuePair<string, string>("fromId", ((long)first!["nextId"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(200, status);
        Assert.Equal(200, (int)first["code"]!);
        var users = first["data"]!.AsArray();
        Assert.Equal(100, users.Count);
        Assert.Equal((555001L, "normal"), ((long)users[0]!["uid"]!, (string?)users[0]!["userState"]));
        Assert.Equal("lock", (string?)users[1]!["userState"]);
        Assert.Equal(556098L, (long)first["nextId"]!);
        Assert.Equal([556098L, 556099L], second!["data"]!.AsArray().Select(u => (long)u!["uid"]!));
        Assert.Null(second["nextId"]);
    }

    [Fact]
    public async Task A_sub_users_accounts_are_its_spot_account_and_those_holding_something_with_loan_rows_in_margin()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubUsers);

        var (status, body, response) = await GetAsync(sim, "/v1/account/accounts/555001");
        var (_, empty, _) = await GetAsync(sim, "/v1/account/accounts/555002");

        Assert.Equal((200, "ok"), (status, (string?)body!["status"]));
        var accounts = body["data"]!.AsArray();
        Assert.Equal(["spot", "super-margin"], accounts.Select(a => (string?)a!["type"]));
        Assert.Equal(
            [("eth", "trade", "2"), ("eth", "frozen", "0.5")],
            accounts[0]!["list"]!.AsArray().Select(r => ((string?)r!["currency"], (string?)r["type"], (string?)r["balance"])));
        Assert.Equal(
            [("trade", "500"), ("frozen", "0"), ("loan", "-120"), ("interest", "-0.5")],
            accounts[1]!["list"]!.AsArray().Select(r => ((string?)r!["type"], (string?)r["balance"])));
        Assert.Equal("spot", (string?)Assert.Single(empty!["data"]!.AsArray())!["type"]);
        Assert.Equal("19", response.Headers.GetValues("X-HB-RateLimit-Requests-Remain").Single());
    }

    [Fact]
    public async Task A_sub_users_own_key_and_a_uid_of_no_sub_user_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubUsers);
        var own = TestSimulator.NoRightsKey("htx");

        var (_, list, _) = await GetAsync(sim, "/v2/sub-user/user-list", own);
        var (_, balances, _) = await GetAsync(sim, "/v1/account/accounts/555001", own);
        var (_, other, _) = await GetAsync(sim, "/v1/account/accounts/999999");
        var (_, ownAccounts, _) = await GetAsync(sim, "/v1/account/accounts", own);

        Assert.Equal((1002, "unauthorized"), ((int)list!["code"]!, (string?)list["message"]));
        Assert.Equal(("error", "api-signature-not-valid"), ((string?)balances!["status"], (string?)balances["err-code"]));
        Assert.Contains("no permission", (string?)other!["err-msg"], StringComparison.Ordinal);
        Assert.Equal("ok", (string?)ownAccounts!["status"]);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_before_anything_is_listed()
    {
        await using var sim = await TestSimulator.StartAsync(WithSubUsers);

        var (_, body, _) = await sim.SendJsonAsync(HtxSigner.Get(sim.Host.BaseUrl("htx"), "/v2/sub-user/user-list", [], TestSimulator.Key("htx"), sim.Now, Tamper.Secret));

        Assert.Equal(1003, (int)body!["code"]!);
    }

    [Fact]
    public async Task Unmodified_ccxt_lists_the_sub_users_and_reads_one_s_accounts()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(WithSubUsers);
        var origin = sim.BaseUrl("htx");
        JsonObject Call(JsonObject parameters)
        {
            var arguments = CcxtClient.Arguments("htx", origin, TestSimulator.Key("htx"));
            arguments["hostname"] = origin.Authority;
            arguments["params"] = parameters;
            return arguments;
        }

        var list = await CcxtClient.CallAsync(Call([]), "v2PrivateGetSubUserUserList");
        var accounts = await CcxtClient.CallAsync(Call(new JsonObject { ["sub-uid"] = "555001" }), "privateGetAccountAccountsSubUid");

        Assert.True((bool)list["ok"]!, (string?)list["error"]);
        Assert.Equal(100, list["response"]!["data"]!.AsArray().Count);
        Assert.True((bool)accounts["ok"]!, (string?)accounts["error"]);
        Assert.Equal(["spot", "super-margin"], accounts["response"]!["data"]!.AsArray().Select(a => (string?)a!["type"]));
    }
}
