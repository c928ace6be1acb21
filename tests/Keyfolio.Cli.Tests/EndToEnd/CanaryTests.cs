using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>What the command line prints — tables, JSON, errors, the audit log — never holds a key's secret or passphrase.</summary>
public sealed class CanaryTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task No_command_prints_a_secret_or_a_passphrase()
    {
        using var world = new CliWorld(fixture.Simulator);
        var okx = world.Account("OKX main");
        var runs = new List<Run>
        {
            await world.RunAsync("init"),
            await world.ConnectAsync("OKX main"),
            await world.RunWithInputAsync(CliWorld.CredentialsJson(okx, passphrase: "Wrong-Pass9!"), "replace", "OKX main", "--credentials-stdin"),
            await world.RunAsync("connections"),
            await world.RunAsync("connections", "--json"),
            await world.RunAsync("balances", "--refresh"),
            await world.RunAsync("check", "--json"),
            await world.RunAsync("audit", "--limit", "100", "--json"),
        };

        Assert.Equal(ExitCodes.KeyRefused, runs[2].ExitCode);
        foreach (var run in runs)
        {
            Assert.DoesNotContain(okx.Secret, run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(okx.Passphrase!, run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Wrong-Pass9!", run.Output + run.Error, StringComparison.Ordinal);
        }
    }
}
