using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.ThirdPartyClients;

/// <summary>
/// An unmodified third-party client, ccxt, reads balances from the simulator with only its base URLs
/// changed (docs/simulator.md lists the HTX setting it also needs).
/// </summary>
public sealed class CcxtFetchBalanceTests
{
    [Theory]
    [InlineData("binance")]
    [InlineData("okx")]
    [InlineData("htx")]
    [InlineData("bitfinex")]
    [InlineData("hitbtc")]
    [InlineData("gate")]
    [InlineData("kraken")]
    [InlineData("bybit")]
    [InlineData("kucoin")]
    [InlineData("coinbase")]
    public async Task Ccxt_fetchBalance_reads_the_configured_balances(string exchange)
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync();
        var origin = sim.BaseUrl(exchange);
        var arguments = CcxtClient.Arguments(exchange, origin, TestSimulator.Key(exchange));
        if (exchange == "htx")
        {
            arguments["hostname"] = origin.Authority;
        }

        if (exchange == "kucoin")
        {
            // The classic account, not the unified trading account ccxt would otherwise ask about.
            arguments["options"] = JsonNode.Parse("{\"uta\":false}");
        }

        if (exchange == "coinbase")
        {
            // ccxt's coinbase reads balances from the retail v2 API (/v2/accounts) unless told to use Advanced Trade's
            // GET /api/v3/brokerage/accounts, the endpoint a CDP key's View scope opens and the one the simulator serves.
            // ccxt builds the JWT's uri claim by removing "https://" from the URL, so over the simulator's plain HTTP it signs
            // "GET http://127.0.0.1:port/…"; the simulator accepts that form beside the real "GET host/path" (docs/simulator.md).
            arguments["options"] = JsonNode.Parse("{\"fetchBalance\":\"v3PrivateGetBrokerageAccounts\"}");
        }

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal(0.6m, BalanceReader.D(result["total"]!["BTC"]));
        Assert.Equal(0.5m, BalanceReader.D(result["free"]!["BTC"]));
        Assert.Equal(2.25m, BalanceReader.D(result["total"]!["ETH"]));
    }

    [Fact]
    public async Task Ccxt_reports_the_okx_wrong_passphrase_error_the_simulator_sends()
    {
        await using var sim = await TestSimulator.StartOnSystemClockAsync();
        var key = TestSimulator.Key("okx");
        var arguments = CcxtClient.Arguments("okx", sim.BaseUrl("okx"), new Signing.TestKey("okx", key.ApiKey, key.Secret, "Wrong-Pass1!"));

        var result = await CcxtClient.FetchBalanceAsync(arguments);

        Assert.False((bool)result["ok"]!);
        Assert.Contains("50105", (string?)result["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ccxt_no_longer_ships_bittrex()
    {
        await CcxtClient.EnsureRestoredAsync();

        Assert.True(File.Exists(Path.Combine(CcxtClient.PackageFolder, "js", "src", "okx.js")));
        Assert.False(File.Exists(Path.Combine(CcxtClient.PackageFolder, "js", "src", "bittrex.js")));
    }
}
