using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.ThirdPartyClients;

/// <summary>
/// Unmodified ccxt, with only its base URLs changed, against the simulator's earn and futures endpoints and the markets clients load
/// before anything else: HTX's contract markets, Bittrex's v3 markets and currencies (through ccxt 4.1.40, a release that
/// still ships Bittrex).
/// </summary>
public sealed class CcxtWalletsAndMarketsTests
{
    private static void AddEarn(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "okx" && (string?)a["label"] == "main")!;
        main["balances"]!.AsArray().Add(new JsonObject { ["wallet"] = "earn", ["asset"] = "USDT", ["free"] = "250", ["locked"] = "0.5" });
        main["balances"]!.AsArray().Add(new JsonObject { ["wallet"] = "staking", ["asset"] = "ETH", ["free"] = "1.25", ["locked"] = "0" });
    }

    [Fact]
    public async Task Ccxt_reads_okx_savings_through_its_own_signed_call()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddEarn);
        var arguments = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), TestSimulator.Key("okx"));

        var result = await CcxtClient.CallAsync(arguments, "privateGetFinanceSavingsBalance");

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var saving = Assert.Single(result["response"]!["data"]!.AsArray())!;
        Assert.Equal(("USDT", "250.5", "250", "0.5"), ((string?)saving["ccy"], (string?)saving["amt"], (string?)saving["loanAmt"], (string?)saving["pendingAmt"]));
    }

    [Fact]
    public async Task Ccxt_reads_okx_active_on_chain_orders_through_its_own_signed_call()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddEarn);
        var arguments = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), TestSimulator.Key("okx"));

        var result = await CcxtClient.CallAsync(arguments, "privateGetFinanceStakingDefiOrdersActive");

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var order = Assert.Single(result["response"]!["data"]!.AsArray())!;
        var invested = Assert.Single(order["investData"]!.AsArray())!;
        Assert.Equal(("ETH", "1.25", "1"), ((string?)invested["ccy"], (string?)invested["amt"], (string?)order["state"]));
    }

    private static void AddGateWallets(JsonObject config)
    {
        var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "gate" && (string?)a["label"] == "main")!;
        main["balances"]!.AsArray().Add(new JsonObject { ["wallet"] = "futures", ["asset"] = "USDT", ["free"] = "800", ["locked"] = "200", ["unrealisedPnl"] = "-30" });
        main["balances"]!.AsArray().Add(new JsonObject { ["wallet"] = "earn", ["asset"] = "USDT", ["free"] = "1000", ["locked"] = "25" });
    }

    [Fact]
    public async Task Ccxt_reads_the_gate_usdt_perpetual_futures_account_as_its_swap_balance()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddGateWallets);
        var arguments = CcxtClient.Arguments("gate", sim.BaseUrl("gate"), TestSimulator.Key("gate"));
        arguments["params"] = new JsonObject { ["type"] = "swap" };

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal((1000m, 800m), (BalanceReader.D(result["total"]!["USDT"]), BalanceReader.D(result["free"]!["USDT"])));
    }

    [Fact]
    public async Task Ccxt_reads_gate_lend_and_earn_orders_through_its_own_signed_call()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddGateWallets);
        var arguments = CcxtClient.Arguments("gate", sim.BaseUrl("gate"), TestSimulator.Key("gate"));

        var result = await CcxtClient.CallAsync(arguments, "privateEarnGetUniLends");

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var lend = Assert.Single(result["response"]!.AsArray())!;
        Assert.Equal(("USDT", "1025", "25"), ((string?)lend["currency"], (string?)lend["amount"], (string?)lend["frozen_amount"]));
    }

    [Theory]
    // ccxt counts margin_available + margin_frozen (0.05 BTC), leaving out the unrealised profit that margin_balance carries.
    [InlineData("swap", "swap", 0.05)]
    [InlineData("future", "futures", 1.5)]
    public async Task Ccxt_reads_the_htx_coin_margined_accounts_on_the_derivatives_api(string type, string wallet, double total)
    {
        var asset = wallet == "swap" ? "BTC" : "ETH";
        await using var sim = await TestSimulator.StartOnSystemClockAsync(config =>
        {
            var main = config["accounts"]!.AsArray().First(a => (string?)a!["exchange"] == "htx" && (string?)a["label"] == "main")!;
            var balance = new JsonObject { ["wallet"] = wallet, ["asset"] = asset, ["free"] = wallet == "swap" ? "0.05" : "1.5" };
            if (wallet == "swap")
            {
                balance["unrealisedPnl"] = "0.01";
            }

            main["balances"]!.AsArray().Add(balance);
        });
        var origin = sim.BaseUrl("htx");
        var arguments = CcxtClient.Arguments("htx", origin, TestSimulator.Key("htx"));
        arguments["hostname"] = origin.Authority;
        arguments["params"] = new JsonObject { ["type"] = type };
        arguments["options"] = new JsonObject { ["defaultSubType"] = "inverse" };

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal((decimal)total, BalanceReader.D(result["total"]![asset]));
    }

    [Fact]
    public async Task Ccxt_loads_every_htx_market_spot_and_contracts_with_default_options()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync();
        var origin = sim.BaseUrl("htx");
        var arguments = CcxtClient.Arguments("htx", origin, TestSimulator.Key("htx"));
        arguments["hostname"] = origin.Authority;

        var result = await CcxtClient.CallAsync(arguments, "loadMarkets");

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        var symbols = result["symbols"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Contains("BTC/USDT", symbols);
        Assert.Contains("BTC/USDT:USDT", symbols);
        Assert.Contains("ETH/USD:ETH", symbols);
        Assert.Contains(symbols, s => s.StartsWith("BTC/USD:BTC-", StringComparison.Ordinal));
        Assert.Equal(["future", "spot", "swap"], result["types"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ccxt_htx_signs_the_host_without_its_port_as_the_official_sdk_does_and_is_accepted()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync();
        var origin = sim.BaseUrl("htx");
        var arguments = CcxtClient.Arguments("htx", origin, TestSimulator.Key("htx"));
        arguments["hostname"] = origin.Host;

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal(0.6m, BalanceReader.D(result["total"]!["BTC"]));
    }

    [Fact]
    public async Task Ccxt_bittrex_loads_the_v3_markets_and_currencies()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync();
        JsonObject Arguments()
        {
            var arguments = CcxtClient.Arguments("bittrex", sim.BaseUrl("bittrex"), TestSimulator.Key("bittrex"));
            arguments["package"] = "ccxt-bittrex";
            return arguments;
        }

        var markets = await CcxtClient.CallAsync(Arguments(), "loadMarkets");
        var currencies = await CcxtClient.CallAsync(Arguments(), "fetchCurrencies");

        Assert.True((bool)markets["ok"]!, (string?)markets["error"]);
        Assert.Contains("BTC/USDT", markets["symbols"]!.AsArray().Select(s => (string)s!));
        Assert.True((bool)currencies["ok"]!, (string?)currencies["error"]);
        Assert.Superset(new HashSet<string> { "BTC", "ETH", "USDT" }, currencies["codes"]!.AsArray().Select(c => (string)c!).ToHashSet());
    }
}
