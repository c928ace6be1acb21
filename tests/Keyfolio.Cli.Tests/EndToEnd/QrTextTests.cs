using System.Text.Json;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Simulator;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// <c>--qr-text</c> reads the QR code's text from a hidden prompt, standard input or a file, and never takes it as its
/// value: a secret in an argument is visible in the process list and stays in the shell history.
/// </summary>
public sealed class QrTextTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static string QrText(SimulatorAccount account) =>
        JsonSerializer.Serialize(new { apiKey = account.ApiKey, secretKey = account.Secret });

    private static async Task<CliWorld> WorldWithVaultAsync(SimulatorProcess simulator)
    {
        var world = new CliWorld(simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        return world;
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("replace")]
    public async Task QR_text_given_as_the_value_is_refused_unread_and_the_key_called_exposed(string command)
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);
        var gate = world.Account("Gate main");
        if (command == "replace")
        {
            Assert.Equal(0, (await world.ConnectAsync("Bittrex main")).ExitCode);
        }

        var baseline = await world.Simulator.RequestsAsync("gate");
        string[] arguments = command == "connect"
            ? ["connect", "gate", "--label", "Gate QR", "--api-url", world.Simulator.Urls["gate"].ToString(), "--qr-text", QrText(gate)]
            : ["replace", "Bittrex main", "--qr-text", QrText(gate)];

        var run = await world.RunAsync(arguments);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("must not be passed as an argument", run.Error, StringComparison.Ordinal);
        Assert.Contains("exposed", run.Error, StringComparison.Ordinal);
        Assert.Contains("--qr-text -", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(gate.Secret, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(baseline, await world.Simulator.RequestsAsync("gate"));
        Assert.Equal(command == "connect" ? 0 : 1, (await world.JsonAsync("connections")).GetArrayLength());
    }

    [Fact]
    public async Task The_refusal_is_in_Chinese_when_asked()
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);

        var run = await world.RunAsync("connect", "gate", "--qr-text", QrText(world.Account("Gate main")), "--lang", "zh");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("不能作为命令行参数", run.Error, StringComparison.Ordinal);
        Assert.Contains("--qr-text -", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_exchanges_QR_text_is_refused_naming_the_exchange_it_looks_like_before_any_call()
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);
        var gate = world.Account("Gate main");
        var baseline = await world.Simulator.RequestsAsync("kraken");

        var run = await world.RunWithInputAsync(QrText(gate) + "\n", "connect", "kraken", "--label", "Kraken QR", "--api-url", world.Simulator.Urls["kraken"].ToString(), "--qr-text", "-");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("looks like a key from", run.Error, StringComparison.Ordinal);
        Assert.Contains("not from Kraken", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Contains("keyfolio connect gate", StringComparison.Ordinal), run.Error);
        Assert.DoesNotContain(gate.Secret, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(baseline, await world.Simulator.RequestsAsync("kraken"));
        Assert.Equal(0, (await world.JsonAsync("connections")).GetArrayLength());
    }

    [Fact]
    public async Task A_dash_reads_the_QR_text_from_standard_input()
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);
        var gate = world.Account("Gate main");

        var run = await world.RunWithInputAsync(QrText(gate) + "\n", "connect", "gate", "--label", "Gate QR", "--api-url", world.Simulator.Urls["gate"].ToString(), "--qr-text", "-", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("****" + gate.ApiKey[^4..], JsonDocument.Parse(run.Output).RootElement.GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task A_file_name_reads_the_QR_text_from_that_file()
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);
        var gate = world.Account("Gate main");
        var file = Path.Combine(world.Home, "gate-qr.txt");
        CliWorld.WriteOwnerOnly(file, QrText(gate));

        var run = await world.RunAsync("connect", "gate", "--label", "Gate QR", "--api-url", world.Simulator.Urls["gate"].ToString(), "--qr-text", file, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("****" + gate.ApiKey[^4..], JsonDocument.Parse(run.Output).RootElement.GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task Alone_without_a_terminal_it_says_how_to_give_the_text_instead()
    {
        using var world = await WorldWithVaultAsync(fixture.Simulator);

        var run = await world.RunAsync("connect", "gate", "--qr-text");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--qr-text -", run.Error, StringComparison.Ordinal);
        Assert.Contains("--qr-text FILE", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await world.JsonAsync("connections")).GetArrayLength());
    }
}
