using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>The real keyfolio executable against a real simulator process, from init to a verified audit log.</summary>
public sealed class ConnectionLifecycleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly string[] MainAccounts = ["Binance main", "OKX main", "HTX main", "Bitfinex main", "HitBTC main", "Gate main", "Bittrex main", "Kraken main", "Bybit main", "KuCoin main", "Coinbase main"];

    [Fact]
    public async Task Init_connect_every_exchange_check_replace_remove_and_the_audit_log_verifies()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);

        foreach (var label in MainAccounts)
        {
            var connected = await world.ConnectAsync(label);
            Assert.True(connected.ExitCode == 0, connected.ToString());
        }

        var balances = await world.JsonAsync("balances");
        var expected = 0m;
        foreach (var label in MainAccounts)
        {
            expected += world.Account(label).Balances.Sum(b => b.Net * world.Demo.Prices[b.Asset]);
        }

        Assert.Equal(expected, balances.GetProperty("totalUsd").GetDecimal());
        Assert.False(balances.GetProperty("incomplete").GetBoolean());
        var btc = balances.GetProperty("byAsset").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "BTC");
        Assert.Equal(65000m, btc.GetProperty("usdPrice").GetDecimal());

        var checkedAll = await world.RunAsync("check", "--json");
        Assert.True(checkedAll.ExitCode == 0, checkedAll.ToString());
        Assert.All(JsonDocument.Parse(checkedAll.Output).RootElement.EnumerateArray(), c => Assert.Equal("connected", c.GetProperty("status").GetProperty("code").GetString()));

        var other = world.Account("Binance trading right lapses");
        var goodReplace = await world.RunWithInputAsync(CliWorld.CredentialsJson(other), "replace", "Binance main", "--credentials-stdin", "--json");
        Assert.True(goodReplace.ExitCode == 0, goodReplace.ToString());
        Assert.Equal("****" + other.ApiKey[^4..], JsonDocument.Parse(goodReplace.Output).RootElement.GetProperty("apiKey").GetString());
        var sameReplace = await world.RunWithInputAsync(CliWorld.CredentialsJson(other), "replace", "Binance main", "--credentials-stdin");
        Assert.True(sameReplace.ExitCode == 0, sameReplace.ToString());
        Assert.Contains("the key this connection already had", sameReplace.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("delete the old key", sameReplace.Output, StringComparison.OrdinalIgnoreCase);

        var wrongSecret = new string('A', 64);
        var badReplace = await world.RunWithInputAsync(CliWorld.CredentialsJson(world.Account("Binance main"), secret: wrongSecret), "replace", "Binance main", "--credentials-stdin", "--json");
        Assert.Equal(ExitCodes.KeyRefused, badReplace.ExitCode);
        var afterBad = (await world.JsonAsync("connections")).EnumerateArray().Single(c => c.GetProperty("label").GetString() == "Binance main");
        Assert.Equal("****" + other.ApiKey[^4..], afterBad.GetProperty("apiKey").GetString());
        Assert.Equal(0, (await world.RunAsync("check", "Binance main")).ExitCode);

        var removed = await world.RunAsync("remove", "Gate main");
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("https://www.gate", removed.Output, StringComparison.Ordinal);
        Assert.Equal(MainAccounts.Length - 1, (await world.JsonAsync("connections")).GetArrayLength());

        var verified = await world.RunAsync("audit", "--verify");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("intact", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_can_withdraw_is_refused_and_nothing_is_stored()
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");

        var refused = await world.ConnectAsync("Binance withdraw-enabled");

        Assert.Equal(ExitCodes.WithdrawalRefused, refused.ExitCode);
        Assert.Equal("WithdrawalRefused", JsonDocument.Parse(refused.Output).RootElement.GetProperty("error").GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Equal(0, (await world.JsonAsync("connections")).GetArrayLength());
    }

    [Theory]
    [InlineData("OKX IP-locked", "ipNotAllowed")]
    [InlineData("HTX expired", "keyExpired")]
    [InlineData("Gate rate-limited", "rateLimited")]
    public async Task Each_problem_key_is_refused_with_its_diagnosis(string label, string category)
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");

        var run = await world.ConnectAsync(label);

        Assert.NotEqual(0, run.ExitCode);
        var diagnosis = JsonDocument.Parse(run.Output).RootElement.GetProperty("error").GetProperty("diagnosis");
        Assert.Equal(category, diagnosis.GetProperty("category").GetString());
        Assert.Equal(0, (await world.JsonAsync("connections")).GetArrayLength());
    }

    [Theory]
    [InlineData("HTX expiring in 2 days", "expiresSoon")]
    [InlineData("Binance trading right lapses", "expiresSoon")]
    public async Task Keys_that_expire_soon_are_connected_with_their_status(string label, string status)
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");

        var run = await world.ConnectAsync(label);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(status, JsonDocument.Parse(run.Output).RootElement.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_passphrase_is_named_in_Chinese_when_asked()
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");
        var account = world.Account("OKX main");

        var run = await world.RunWithInputAsync(CliWorld.CredentialsJson(account, passphrase: "Wrong-Pass9!"), "connect", "okx", "--label", "OKX", "--api-url", world.Simulator.Urls["okx"].ToString(), "--credentials-stdin", "--lang", "zh");

        Assert.Equal(ExitCodes.KeyRefused, run.ExitCode);
        Assert.Contains("密码短语", run.Error, StringComparison.Ordinal);
        Assert.Contains("OKX 50105", run.Error, StringComparison.Ordinal);
    }
}
