using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>Bad inputs give a clear message naming what is wrong and what to do, and change nothing stored.</summary>
public sealed class BadInputTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static async Task<CliWorld> WorldWithOneConnectionAsync(SimulatorProcess simulator)
    {
        var world = new CliWorld(simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        return world;
    }

    /// <summary>What is stored, as listed, without the age fields that move with the clock.</summary>
    private static async Task<string> StoredStateAsync(CliWorld world) =>
        System.Text.RegularExpressions.Regex.Replace((await world.RunAsync("connections", "--json")).Output, "\"ageSeconds\": \\d+", string.Empty);

    [Fact]
    public async Task A_malformed_key_names_the_field_and_stores_nothing()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);
        var before = await StoredStateAsync(world);

        var run = await world.RunWithInputAsync("{\"apiKey\":\"short key\",\"secret\":\"x\"}", "connect", "binance", "--label", "B", "--credentials-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("API Key", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fix:", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoredStateAsync(world));
    }

    [Fact]
    public async Task Standard_input_that_is_not_JSON_is_refused()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);

        var run = await world.RunWithInputAsync("apiKey=abc", "connect", "binance", "--credentials-stdin", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("credentials", JsonDocument.Parse(run.Output).RootElement.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Bad_QR_text_says_what_was_expected_and_stores_nothing()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);
        var before = await StoredStateAsync(world);

        var run = await world.RunWithInputAsync("this is not a key", "connect", "binance", "--qr-text", "-");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("QR code", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoredStateAsync(world));
    }

    [Fact]
    public async Task An_unknown_exchange_lists_the_known_ones()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);

        var run = await world.RunAsync("connect", "mtgox");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("binance, okx, htx, bitfinex, hitbtc, gate, bittrex, kraken", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_vault_connect_says_to_run_init_and_creates_none()
    {
        using var world = new CliWorld(fixture.Simulator);

        var run = await world.ConnectAsync("Gate main");

        Assert.Equal(ExitCodes.VaultMissing, run.ExitCode);
        Assert.Contains("keyfolio init", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await world.JsonAsync("connections")).GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_master_password_is_refused_and_changes_nothing()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);
        var before = await StoredStateAsync(world);
        var wrong = Path.Combine(world.Home, "wrong-password");
        CliWorld.WriteOwnerOnly(wrong, "not-the-password-at-all\n");

        var run = await world.RunWithInputAsync(CliWorld.CredentialsJson(world.Account("Bittrex main")), "connect", "bittrex", "--credentials-stdin", "--password-file", wrong);
        var remove = await world.RunAsync("remove", "Gate main", "--password-file", wrong);

        Assert.Equal(ExitCodes.WrongPassword, run.ExitCode);
        Assert.Equal(ExitCodes.WrongPassword, remove.ExitCode);
        Assert.Contains("master password is wrong", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoredStateAsync(world));
    }

    [Fact]
    public async Task Without_a_terminal_or_password_file_the_password_is_not_guessed()
    {
        using var world = await WorldWithOneConnectionAsync(fixture.Simulator);

        var run = await KeyfolioProcess.RunAsync(world.Home, null, null, "check");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("KEYFOLIO_PASSWORD_FILE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        using var world = new CliWorld(fixture.Simulator);
        foreach (var command in new[] { "init", "connect", "connections", "balances", "check", "replace", "remove", "audit", "guide", "passwd", "export", "import", "simulator" })
        {
            var run = await world.RunAsync(command, "--help");
            Assert.True(run.ExitCode == 0, command + ": " + run);
            Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        }
    }
}
