using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.ThirdPartyClients;

/// <summary>Unmodified ccxt, with only its base URLs changed, reads Binance's Simple Earn and margin wallets from the simulator.</summary>
public sealed class CcxtBinanceWalletsTests
{
    private static void AddWallets(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "binance" && (string?)a["label"] == "main")!;
        var balances = main["balances"]!.AsArray();
        balances.Add(new JsonObject { ["wallet"] = "earn-flexible", ["asset"] = "USDT", ["free"] = "250.5" });
        balances.Add(new JsonObject { ["wallet"] = "earn-locked", ["asset"] = "ETH", ["free"] = "1.25" });
        balances.Add(new JsonObject { ["wallet"] = "cross-margin", ["asset"] = "USDT", ["free"] = "800", ["borrowed"] = "300", ["interest"] = "1.25" });
        balances.Add(new JsonObject { ["wallet"] = "isolated-margin", ["asset"] = "ETH", ["free"] = "0.5", ["symbol"] = "ETHUSDT" });
    }

    [Fact]
    public async Task Ccxt_fetchBalance_of_type_margin_reads_the_cross_margin_account()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddWallets);
        var arguments = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));
        arguments["params"] = new JsonObject { ["type"] = "margin" };

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal(800m, BalanceReader.D(result["total"]!["USDT"]));
        Assert.Null(result["total"]!["BTC"]);
    }

    [Fact]
    public async Task Ccxt_reads_isolated_margin_through_its_own_signed_call()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddWallets);
        var arguments = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));

        var result = await CcxtClient.CallAsync(arguments, "sapiGetMarginIsolatedAccount");

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var pair = Assert.Single(result["response"]!["assets"]!.AsArray())!;
        Assert.Equal(("ETHUSDT", "0.50000000", "USDT"), ((string?)pair["symbol"], (string?)pair["baseAsset"]!["netAsset"], (string?)pair["quoteAsset"]!["asset"]));
    }

    [Theory]
    [InlineData("sapiGetSimpleEarnFlexiblePosition", "USDT", "totalAmount", "250.50000000")]
    [InlineData("sapiGetSimpleEarnLockedPosition", "ETH", "amount", "1.25000000")]
    public async Task Ccxt_reads_simple_earn_positions_through_its_own_signed_calls(string call, string asset, string field, string amount)
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddWallets);
        var arguments = CcxtClient.Arguments("binance", sim.BaseUrl("binance"), TestSimulator.Key("binance"));
        arguments["params"] = new JsonObject { ["size"] = 100 };

        var result = await CcxtClient.CallAsync(arguments, call);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var row = Assert.Single(result["response"]!["rows"]!.AsArray())!;
        Assert.Equal((asset, amount), ((string?)row["asset"], (string?)row[field]));
        Assert.Equal("1", result["response"]!["total"]!.ToString());
    }
}
