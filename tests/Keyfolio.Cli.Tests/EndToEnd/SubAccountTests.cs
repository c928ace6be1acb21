using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>The real keyfolio executable against the simulated Binance master account: `subaccounts` lists the
/// sub-accounts, `--include` adds one to the connection's readings, and `balances` shows it as its own row under the
/// connection, in the table and in its JSON.</summary>
public sealed class SubAccountTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Master = "Binance main";
    private const string Desk = "trading-desk@keyfolio-demo.example";

    [Fact]
    public async Task Subaccounts_lists_them_and_an_included_one_is_its_own_row_in_balances()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync(Master)).ExitCode);
        var before = (await world.JsonAsync("balances")).GetProperty("totalUsd").GetDecimal();

        var stored = await world.RunAsync("subaccounts", Master);
        var listed = await world.JsonAsync("subaccounts", Master, "--refresh");
        var included = await world.JsonAsync("subaccounts", Master, "--include", Desk);
        var table = await world.RunAsync("subaccounts", Master);
        var balances = await world.JsonAsync("balances");
        var balancesTable = await world.RunAsync("balances");
        var chinese = await world.RunAsync("balances", "--lang", "zh");
        var unknown = await world.RunAsync("subaccounts", Master, "--include", "nobody@example.com");

        var deskValue = world.Account(Master).SubAccounts.Single(s => s.Name == Desk).Balances.Sum(b => b.Net * world.Demo.Prices[b.Asset]);
        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.Contains("--refresh", stored.Output, StringComparison.Ordinal);
        Assert.Equal(
            [("savings@keyfolio-demo.example", false), (Desk, false)],
            listed.GetProperty("subAccounts").EnumerateArray().Select(s => (s.GetProperty("id").GetString(), s.GetProperty("included").GetBoolean())));
        var desk = included.GetProperty("subAccounts").EnumerateArray().Single(s => s.GetProperty("id").GetString() == Desk);
        Assert.True(desk.GetProperty("included").GetBoolean());
        Assert.Equal(deskValue, desk.GetProperty("usdValue").GetDecimal());
        Assert.Contains("Trading desk", table.Output, StringComparison.Ordinal);

        Assert.Equal(before + deskValue, balances.GetProperty("totalUsd").GetDecimal());
        var connection = Assert.Single(balances.GetProperty("byConnection").EnumerateArray().ToList());
        Assert.Equal(before, connection.GetProperty("mainUsd").GetDecimal());
        var sub = Assert.Single(connection.GetProperty("subAccounts").EnumerateArray().ToList());
        Assert.Equal((Desk, deskValue), (sub.GetProperty("subAccount").GetString(), sub.GetProperty("usdValue").GetDecimal()));
        Assert.True(balancesTable.ExitCode == 0, balancesTable.ToString());
        Assert.Contains("sub-account " + Desk, balancesTable.Output, StringComparison.Ordinal);
        Assert.Contains("main account", balancesTable.Output, StringComparison.Ordinal);
        Assert.Contains("子账户 " + Desk, chinese.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nobody@example.com", unknown.Output + unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subaccounts_of_a_bybit_connection_says_why_none_are_read_and_how_to_count_them()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Bybit main")).ExitCode);

        var table = await world.RunAsync("subaccounts", "Bybit main");
        var json = await world.JsonAsync("subaccounts", "Bybit main");
        var japanese = await world.RunAsync("subaccounts", "Bybit main", "--lang", "ja");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("\"Get All Coins Balance\"", table.Output, StringComparison.Ordinal);
        Assert.Contains("read-only API key of that sub-account", table.Output, StringComparison.Ordinal);
        Assert.False(json.GetProperty("offered").GetBoolean());
        Assert.Contains("ten at a time", json.GetProperty("requirement").GetString(), StringComparison.Ordinal);
        Assert.Contains("サブアカウント", japanese.Output, StringComparison.Ordinal);
    }
}
