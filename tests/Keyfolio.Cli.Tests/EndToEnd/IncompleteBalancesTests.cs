using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>The real keyfolio executable with a key that may not read one wallet: `balances`, its JSON, the CSV and
/// `connections` say the reading is incomplete, which wallet is missing and the right to enable.</summary>
public sealed class IncompleteBalancesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Partial = "HitBTC without payment information";

    [Fact]
    public async Task Balances_say_the_total_is_a_lower_bound_and_name_the_wallet_not_read_with_its_fix()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Binance main")).ExitCode);
        var connected = await world.ConnectAsync(Partial);
        Assert.True(connected.ExitCode == 0, connected.ToString());
        Assert.Equal("incomplete", JsonDocument.Parse(connected.Output).RootElement.GetProperty("status").GetProperty("code").GetString());

        var json = await world.JsonAsync("balances");
        var csvFile = Path.Combine(world.Home, "holdings.csv");
        var table = await world.RunAsync("balances", "--csv", csvFile);
        var chinese = await world.RunAsync("balances", "--lang", "zh");
        var connections = await world.RunAsync("connections");

        var read = new[] { "Binance main", Partial }
            .SelectMany(label => world.Account(label).Balances.Where(b => b.Wallet != "wallet"))
            .Sum(b => b.Net * world.Demo.Prices[b.Asset]);
        Assert.Equal(read, json.GetProperty("totalUsd").GetDecimal());
        Assert.True(json.GetProperty("incomplete").GetBoolean());
        Assert.Equal((9, 10), (json.GetProperty("walletsRead").GetInt32(), json.GetProperty("walletsExpected").GetInt32()));
        var missing = Assert.Single(json.GetProperty("missingWallets").EnumerateArray().ToList());
        Assert.Equal(
            (Partial, "funding", "notPermitted", "Payment information"),
            (missing.GetProperty("label").GetString(), missing.GetProperty("wallet").GetString(), missing.GetProperty("outcome").GetString(), missing.GetProperty("right").GetString()));
        Assert.True(json.GetProperty("byExchange").EnumerateArray().Single(e => e.GetProperty("exchange").GetString() == "hitbtc").GetProperty("incomplete").GetBoolean());
        Assert.Contains(json.GetProperty("byWallet").EnumerateArray(), w => w.GetProperty("exchange").GetString() == "hitbtc" && w.GetProperty("wallet").GetString() == "funding" && w.GetProperty("missing").GetInt32() == 1);
        Assert.Contains(json.GetProperty("byConnection").EnumerateArray(), c => c.GetProperty("label").GetString() == Partial && c.GetProperty("incomplete").GetBoolean());

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("≥ ", table.Output, StringComparison.Ordinal);
        Assert.Contains("9 of 10 wallets read", table.Output, StringComparison.Ordinal);
        Assert.Contains("funding: not permitted for this key", table.Output, StringComparison.Ordinal);
        Assert.Contains("enable “Payment information”", table.Output, StringComparison.Ordinal);
        Assert.Contains("资金", chinese.Output, StringComparison.Ordinal);
        Assert.Contains("已读取 10 个钱包中的 9 个", chinese.Output, StringComparison.Ordinal);
        Assert.Contains(await File.ReadAllLinesAsync(csvFile), l => l.StartsWith(Partial + ",hitbtc,funding,", StringComparison.Ordinal) && l.Contains(",not_permitted,", StringComparison.Ordinal));
        Assert.Contains("Incomplete", connections.Output, StringComparison.Ordinal);
        Assert.Contains("≥ ", connections.Output, StringComparison.Ordinal);
    }
}
