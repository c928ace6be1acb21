using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Binance;

/// <summary>Binance's Simple Earn and margin endpoints at their real paths, with their weights, paging and "never opened" answers.</summary>
public sealed class BinanceWalletEndpointTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string? symbol = null, string borrowed = "0", string interest = "0")
    {
        var balance = new JsonObject { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["borrowed"] = borrowed, ["interest"] = interest };
        if (symbol is not null)
        {
            balance["symbol"] = symbol;
        }

        return balance;
    }

    private static Action<JsonObject> WithBalances(params JsonObject[] balances) => config =>
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "binance" && (string?)a["label"] == "main")!;
        main["balances"] = new JsonArray([.. balances]);
    };

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(TestSimulator sim, string path, string? parameters = null, TestKey? key = null) =>
        sim.SendJsonAsync(BinanceSigner.SignedGet(sim.Host.BaseUrl("binance"), path, parameters, key ?? TestSimulator.Key("binance"), sim.Now));

    [Fact]
    public async Task Flexible_positions_are_paged_by_current_and_size_with_the_total_of_every_page()
    {
        var positions = Enumerable.Range(1, 12).Select(i => Balance("earn-flexible", "A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "1")).ToArray();
        await using var sim = await TestSimulator.StartAsync(WithBalances(positions));

        var (_, first, response) = await GetAsync(sim, "/sapi/v1/simple-earn/flexible/position");
        var (_, second, _) = await GetAsync(sim, "/sapi/v1/simple-earn/flexible/position", "current=2&size=10");
        var (tooBig, refused, _) = await GetAsync(sim, "/sapi/v1/simple-earn/flexible/position", "size=101");

        Assert.Equal((10, 12), (first!["rows"]!.AsArray().Count, (int)first["total"]!));
        Assert.Equal(["A11", "A12"], second!["rows"]!.AsArray().Select(r => (string)r!["asset"]!));
        Assert.Equal("1.00000000", (string?)second["rows"]![0]!["totalAmount"]);
        Assert.Equal((400, -1130), (tooBig, (int)refused!["code"]!));
        Assert.Equal("150", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
    }

    [Fact]
    public async Task A_locked_position_has_its_amount_and_an_account_without_any_has_none()
    {
        await using var sim = await TestSimulator.StartAsync(WithBalances(Balance("spot", "BTC", "1"), Balance("earn-locked", "ETH", "1.5")));

        var (_, locked, _) = await GetAsync(sim, "/sapi/v1/simple-earn/locked/position", "size=100");
        var (_, flexible, _) = await GetAsync(sim, "/sapi/v1/simple-earn/flexible/position", "size=100");

        var row = Assert.Single(locked!["rows"]!.AsArray())!;
        Assert.Equal(("ETH", "1.50000000", "HOLDING"), ((string?)row["asset"], (string?)row["amount"], (string?)row["status"]));
        Assert.NotNull(row["positionId"]);
        Assert.Equal((0, 0), (flexible!["rows"]!.AsArray().Count, (int)flexible["total"]!));
    }

    [Fact]
    public async Task Cross_margin_nets_borrowings_and_interest_and_says_when_it_was_never_created()
    {
        await using var sim = await TestSimulator.StartAsync(WithBalances(Balance("cross-margin", "USDT", "800", borrowed: "300", interest: "1.25"), Balance("cross-margin", "BTC", "0.02")));

        await using var spotOnly = await TestSimulator.StartAsync();

        var (status, account, response) = await GetAsync(sim, "/sapi/v1/margin/account");
        var (_, never, _) = await GetAsync(spotOnly, "/sapi/v1/margin/account");

        Assert.Equal(200, status);
        Assert.True((bool)account!["created"]!);
        var usdt = account["userAssets"]!.AsArray().Single(a => (string?)a!["asset"] == "USDT")!;
        Assert.Equal(("800.00000000", "300.00000000", "1.25000000", "498.75000000"), ((string?)usdt["free"], (string?)usdt["borrowed"], (string?)usdt["interest"], (string?)usdt["netAsset"]));
        Assert.Equal("10", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        Assert.False((bool)never!["created"]!);
        Assert.Empty(never["userAssets"]!.AsArray());
    }

    [Fact]
    public async Task Isolated_margin_lists_each_pair_with_both_sides_net_and_narrows_to_the_symbols_asked()
    {
        await using var sim = await TestSimulator.StartAsync(WithBalances(
            Balance("isolated-margin", "ETH", "0.5", "ETHUSDT"),
            Balance("isolated-margin", "USDT", "200", "ETHUSDT", borrowed: "150", interest: "0.25"),
            Balance("isolated-margin", "BTC", "0.01", "BTCUSDT")));
        await using var none = await TestSimulator.StartAsync();

        var (_, all, response) = await GetAsync(sim, "/sapi/v1/margin/isolated/account");
        var (_, one, _) = await GetAsync(sim, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT");
        var (tooMany, _, _) = await GetAsync(sim, "/sapi/v1/margin/isolated/account", "symbols=A,B,C,D,E,F");
        var (_, empty, _) = await GetAsync(none, "/sapi/v1/margin/isolated/account");

        var eth = all!["assets"]!.AsArray().Single(p => (string?)p!["symbol"] == "ETHUSDT")!;
        Assert.Equal(("ETH", "0.50000000"), ((string?)eth["baseAsset"]!["asset"], (string?)eth["baseAsset"]!["netAsset"]));
        Assert.Equal(("USDT", "49.75000000"), ((string?)eth["quoteAsset"]!["asset"], (string?)eth["quoteAsset"]!["netAsset"]));
        Assert.True((bool)eth["isolatedCreated"]!);
        var btc = Assert.Single(one!["assets"]!.AsArray())!;
        Assert.Equal(("BTC", "USDT", "0.00000000"), ((string?)btc["baseAsset"]!["asset"], (string?)btc["quoteAsset"]!["asset"], (string?)btc["quoteAsset"]!["netAsset"]));
        Assert.Equal(400, tooMany);
        Assert.Empty(empty!["assets"]!.AsArray());
        Assert.Equal("10", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
    }

    [Fact]
    public async Task Each_sapi_endpoint_has_its_own_weight_and_is_refused_with_429_never_a_ban()
    {
        await using var sim = await TestSimulator.StartAsync(config => config["rateLimits"] = new JsonObject { ["limits"] = new JsonObject { ["binance.sapi-weight"] = 300 } });

        var flexible = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            flexible.Add((await GetAsync(sim, "/sapi/v1/simple-earn/flexible/position")).Status);
        }

        var (locked, _, _) = await GetAsync(sim, "/sapi/v1/simple-earn/locked/position");

        Assert.Equal([200, 200, 429, 429], flexible);
        Assert.Equal(200, locked);
    }

    [Fact]
    public async Task Earn_and_margin_need_the_read_permission()
    {
        await using var sim = await TestSimulator.StartAsync();

        foreach (var path in new[] { "/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position", "/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account" })
        {
            var (status, body, _) = await GetAsync(sim, path, key: TestSimulator.NoRightsKey("binance"));
            Assert.Equal((401, -2015), (status, (int)body!["code"]!));
        }
    }
}
