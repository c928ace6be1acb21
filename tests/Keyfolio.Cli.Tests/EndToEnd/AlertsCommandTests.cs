using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>keyfolio alerts</c> looks at the stored key facts, lists what it found, and marks it read, without calling an exchange.</summary>
public sealed class AlertsCommandTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task An_expiring_key_is_listed_with_its_fix_marked_read_on_request_and_no_exchange_is_called()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var connected = await world.ConnectAsync("HTX expiring in 2 days");
        Assert.True(connected.ExitCode == 0, connected.ToString());
        var before = await world.Simulator.RequestsAsync("htx");

        var listed = await world.RunAsync("alerts", "--json");
        var table = await world.RunAsync("alerts", "--mark-read");
        var unreadAfter = await world.RunAsync("alerts", "--unread", "--json");
        var chinese = await world.RunAsync("alerts", "--json", "--lang", "zh");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var alerts = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().ToList();
        var expiring = Assert.Single(alerts, a => a.GetProperty("type").GetString() == "key.expiring");
        Assert.Equal(("HTX expiring in 2 days", "htx", "warning"), (expiring.GetProperty("connection").GetString(), expiring.GetProperty("exchange").GetString(), expiring.GetProperty("severity").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(expiring.GetProperty("fix").GetString()));
        Assert.Equal(JsonValueKind.Null, expiring.GetProperty("readAt").ValueKind);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("HTX expiring in 2 days", table.Output, StringComparison.Ordinal);
        Assert.Contains("marked read now", table.Output, StringComparison.Ordinal);
        Assert.Equal("[]", unreadAfter.Output.Trim());
        Assert.Contains(JsonDocument.Parse(chinese.Output).RootElement.EnumerateArray(), a => a.GetProperty("message").GetString()!.Contains("过期", StringComparison.Ordinal));
        Assert.Equal(before, await world.Simulator.RequestsAsync("htx"));
        var account = world.Account("HTX expiring in 2 days");
        Assert.DoesNotContain(account.Secret, listed.Output + table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(account.ApiKey, listed.Output + table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_usage_error()
    {
        using var world = new CliWorld(fixture.Simulator);

        var run = await world.RunAsync("alerts", "--limit", "0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--limit must be a whole number from 1 to 500", run.Error, StringComparison.Ordinal);
    }
}
