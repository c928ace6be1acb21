using System.Text;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>HTX's margin accounts with their loan rows, and the derivatives accounts: signed POSTs, unified account, not opened, limits.</summary>
public sealed class HtxWalletTests
{
    private static void AddWallets(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "htx" && (string?)a["label"] == "main")!;
        main["balances"] = new JsonArray(
            new JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "0.5", ["locked"] = "0.1" },
            new JsonObject { ["wallet"] = "super-margin", ["asset"] = "USDT", ["free"] = "500", ["borrowed"] = "120", ["interest"] = "0.5" },
            new JsonObject { ["wallet"] = "linear-swap", ["asset"] = "USDT", ["free"] = "900", ["locked"] = "100", ["unrealisedPnl"] = "-25" },
            new JsonObject { ["wallet"] = "swap", ["asset"] = "BTC", ["free"] = "0.05", ["unrealisedPnl"] = "0.01" });
    }

    private static HttpRequestMessage Post(Uri origin, string path, string body, TestKey key, DateTimeOffset now)
    {
        var query = HtxSigner.SortedQuery(
        [
            new("AccessKeyId", key.ApiKey), new("SignatureMethod", "HmacSHA256"), new("SignatureVersion", "2"), new("Timestamp", HtxSigner.Timestamp(now)),
        ]);
        var signature = HtxSigner.Sign(key.Secret, "POST", origin.Authority, path, query);
        return new HttpRequestMessage(HttpMethod.Post, new Uri(origin, path + "?" + query + "&Signature=" + Uri.EscapeDataString(signature)))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }

    [Fact]
    public async Task A_cross_margin_account_lists_its_loan_and_interest_as_negative_rows_beside_its_capacity()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);
        var origin = sim.Host.BaseUrl("htx");
        var (_, accounts, _) = await sim.SendJsonAsync(HtxSigner.Get(origin, "/v1/account/accounts", [], TestSimulator.Key("htx"), sim.Now));
        var cross = accounts!["data"]!.AsArray().Single(a => (string?)a!["type"] == "super-margin")!;

        var (_, body, _) = await sim.SendJsonAsync(HtxSigner.Get(origin, $"/v1/account/accounts/{(long)cross["id"]!}/balance", [], TestSimulator.Key("htx"), sim.Now));

        var rows = body!["data"]!["list"]!.AsArray().ToDictionary(r => (string)r!["type"]!, r => (string)r!["balance"]!);
        Assert.Equal(("500", "-120", "-0.5"), (rows["trade"], rows["loan"], rows["interest"]));
        Assert.True(rows.ContainsKey("transfer-out-available") && rows.ContainsKey("loan-available"));
        Assert.DoesNotContain(accounts["data"]!.AsArray(), a => (string?)a!["type"] is "linear-swap" or "swap" or "futures");
    }

    [Fact]
    public async Task The_usdt_margined_cross_account_of_a_unified_user_says_to_ask_the_unified_account()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);
        var origin = sim.Host.BaseUrl("htx");

        var (_, cross, _) = await sim.SendJsonAsync(Post(origin, "/linear-swap-api/v1/swap_cross_account_info", """{"margin_account":"USDT"}""", TestSimulator.Key("htx"), sim.Now));
        var (_, unified, _) = await sim.SendJsonAsync(HtxSigner.Get(origin, "/linear-swap-api/v3/unified_account_info", [], TestSimulator.Key("htx"), sim.Now));

        Assert.Equal(("error", 4002), ((string?)cross!["status"], (int)cross["err_code"]!));
        var usdt = Assert.Single(unified!["data"]!.AsArray())!;
        Assert.Equal((200, "USDT", 975m, 1000m), ((int)unified["code"]!, (string?)usdt["margin_asset"], (decimal)usdt["margin_balance"]!, (decimal)usdt["margin_static"]!));
    }

    [Fact]
    public async Task A_coin_margined_swap_account_shows_its_margin_balance_with_unrealised_profit()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);

        var (_, body, _) = await sim.SendJsonAsync(Post(sim.Host.BaseUrl("htx"), "/swap-api/v1/swap_account_info", "{}", TestSimulator.Key("htx"), sim.Now));

        var btc = Assert.Single(body!["data"]!.AsArray())!;
        Assert.Equal(("ok", "BTC", 0.06m, 0.05m, "BTC-USD"), ((string?)body["status"], (string?)btc["symbol"], (decimal)btc["margin_balance"]!, (decimal)btc["margin_static"]!, (string?)btc["contract_code"]));
    }

    [Fact]
    public async Task Derivatives_accounts_never_opened_answer_1010_or_without_any_contracts_1220()
    {
        await using var withSwaps = await TestSimulator.StartAsync(AddWallets);
        await using var spotOnly = await TestSimulator.StartAsync();

        var (_, futures, _) = await withSwaps.SendJsonAsync(Post(withSwaps.Host.BaseUrl("htx"), "/api/v1/contract_account_info", "{}", TestSimulator.Key("htx"), withSwaps.Now));
        var (_, none, _) = await spotOnly.SendJsonAsync(Post(spotOnly.Host.BaseUrl("htx"), "/swap-api/v1/swap_account_info", "{}", TestSimulator.Key("htx"), spotOnly.Now));

        Assert.Equal((1010, "Account doesnt exist."), ((int)futures!["err_code"]!, (string?)futures["err_msg"]));
        Assert.Equal(1220, (int)none!["err_code"]!);
    }

    [Fact]
    public async Task A_derivatives_call_signed_for_another_host_is_refused_in_the_derivatives_style()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);
        var origin = sim.Host.BaseUrl("htx");
        var key = TestSimulator.Key("htx");
        var query = HtxSigner.SortedQuery(
        [
            new("AccessKeyId", key.ApiKey), new("SignatureMethod", "HmacSHA256"), new("SignatureVersion", "2"), new("Timestamp", HtxSigner.Timestamp(sim.Now)),
        ]);
        var wrongHost = HtxSigner.Sign(key.Secret, "POST", "api.hbdm.com", "/swap-api/v1/swap_account_info", query);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, "/swap-api/v1/swap_account_info?" + query + "&Signature=" + Uri.EscapeDataString(wrongHost)))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        var (status, body, _) = await sim.SendJsonAsync(request);

        Assert.Equal((200, "error", 403, "Verification failure [校验失败]"), (status, (string?)body!["status"], (int)body["err_code"]!, (string?)body["err_msg"]));
    }

    [Fact]
    public async Task Derivatives_reads_are_limited_to_72_in_3_seconds_per_account_and_product_line()
    {
        await using var sim = await TestSimulator.StartAsync(AddWallets);
        var origin = sim.Host.BaseUrl("htx");

        var statuses = new List<int>();
        for (var i = 0; i < 73; i++)
        {
            var (status, _, _) = await sim.SendJsonAsync(Post(origin, "/swap-api/v1/swap_account_info", "{}", TestSimulator.Key("htx"), sim.Now));
            statuses.Add(status);
        }

        var (other, _, _) = await sim.SendJsonAsync(Post(origin, "/api/v1/contract_account_info", "{}", TestSimulator.Key("htx"), sim.Now));

        Assert.Equal(Enumerable.Repeat(200, 72).Append(429), statuses);
        Assert.Equal(200, other);
    }
}
