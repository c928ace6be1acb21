using System.Text.Json;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Core.Settings;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>keyfolio init</c> says how the master password is protected, and takes its strength from the environment.</summary>
public sealed class InitTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Init_names_Argon2id_at_its_default_parameters_in_text_and_in_json()
    {
        using var world = new CliWorld(fixture.Simulator);
        using var other = new CliWorld(fixture.Simulator);

        var text = await InitAsync(world, memory: null, passes: null);
        var json = await InitAsync(other, memory: null, passes: null, "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Argon2id: 128 MiB of memory, 6 passes, 1 lane", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        var kdf = JsonDocument.Parse(json.Output).RootElement.GetProperty("kdf");
        Assert.Equal("argon2id", kdf.GetProperty("algorithm").GetString());
        Assert.Equal(
            (KdfParameters.Default.MemoryKiB, KdfParameters.Default.Iterations, 1),
            (kdf.GetProperty("memoryKiB").GetInt32(), kdf.GetProperty("iterations").GetInt32(), kdf.GetProperty("parallelism").GetInt32()));
    }

    [Fact]
    public async Task The_environment_sets_the_strength_of_a_new_vault_within_the_floor()
    {
        using var stronger = new CliWorld(fixture.Simulator);
        using var belowFloor = new CliWorld(fixture.Simulator);
        using var notANumber = new CliWorld(fixture.Simulator);

        var made = await InitAsync(stronger, memory: "65536", passes: "3", "--json");
        var weak = await InitAsync(belowFloor, memory: "1024", passes: null);
        var garbled = await InitAsync(notANumber, memory: null, passes: "three");

        Assert.True(made.ExitCode == 0, made.ToString());
        var kdf = JsonDocument.Parse(made.Output).RootElement.GetProperty("kdf");
        Assert.Equal((65536, 3), (kdf.GetProperty("memoryKiB").GetInt32(), kdf.GetProperty("iterations").GetInt32()));
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains(KdfEnvironment.MemoryVariable + " is \"1024\"", weak.Error, StringComparison.Ordinal);
        Assert.Contains("from 19456 to", weak.Error, StringComparison.Ordinal);
        Assert.Equal(2, garbled.ExitCode);
        Assert.Contains(KdfEnvironment.PassesVariable, garbled.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", weak.Error + garbled.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await belowFloor.RunAsync("init")).ExitCode);
    }

    private static Task<Run> InitAsync(CliWorld world, string? memory, string? passes, params string[] extra) =>
        KeyfolioProcess.RunAsync(
            world.Home,
            null,
            new Dictionary<string, string?>
            {
                ["KEYFOLIO_PASSWORD_FILE"] = world.PasswordFile,
                [KdfEnvironment.MemoryVariable] = memory,
                [KdfEnvironment.PassesVariable] = passes,
            },
            ["init", .. extra]);
}
