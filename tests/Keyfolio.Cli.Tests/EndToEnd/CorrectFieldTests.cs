using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>keyfolio replace --only passphrase|secret</c>: one field corrected against the simulated exchange,
/// the rest of the stored key kept; a wrong correction changes nothing; what was typed is never printed.</summary>
public sealed class CorrectFieldTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Only_the_passphrase_is_corrected_after_the_exchange_accepts_it()
    {
        using var world = new CliWorld(fixture.Simulator);
        var okx = world.Account("OKX main");
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("OKX main")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);

        var wrong = await world.RunWithInputAsync("""{"passphrase":"Wrong-Pass9!"}""", "replace", "OKX main", "--only", "passphrase", "--credentials-stdin");
        var right = await world.RunWithInputAsync(JsonSerializer.Serialize(new { passphrase = okx.Passphrase }), "replace", "OKX main", "--only", "passphrase", "--credentials-stdin");
        var noPassphrase = await world.RunWithInputAsync("""{"passphrase":"Some-Pass1!"}""", "replace", "Gate main", "--only", "passphrase", "--credentials-stdin");
        var notJson = await world.RunWithInputAsync("Wrong-Pass9!", "replace", "OKX main", "--only", "passphrase", "--credentials-stdin");
        var apiKey = await world.RunAsync("replace", "OKX main", "--only", "apiKey");
        var check = await world.RunAsync("check", "OKX main");

        Assert.Equal(ExitCodes.KeyRefused, wrong.ExitCode);
        Assert.Contains("Nothing was changed: ", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(0, right.ExitCode);
        Assert.Contains("The passphrase was corrected: OKX accepted it", right.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noPassphrase.ExitCode);
        Assert.Contains("Gate keys have no passphrase", noPassphrase.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, notJson.ExitCode);
        Assert.Contains("\"passphrase\"", notJson.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, apiKey.ExitCode);
        Assert.Equal(0, check.ExitCode);
        foreach (var run in new[] { wrong, right, noPassphrase, notJson, apiKey, check })
        {
            Assert.DoesNotContain("Wrong-Pass9!", run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(okx.Passphrase!, run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(okx.Secret, run.Output + run.Error, StringComparison.Ordinal);
        }
    }
}
