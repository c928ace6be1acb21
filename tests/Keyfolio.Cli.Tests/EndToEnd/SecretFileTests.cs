using System.Text.Json;
using Keyfolio.Cli.Input;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// A file holding a secret — the master, new or export password, a key's QR text — must be readable and writable by
/// its owner alone: on Unix, one the group or others may read or change is refused, unread, with the chmod that fixes it.
/// </summary>
public sealed class SecretFileTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("--password-file", "644")]
    [InlineData("KEYFOLIO_PASSWORD_FILE", "640")]
    [InlineData("--new-password-file", "604")]
    [InlineData("--export-password-file", "660")]
    [InlineData("--qr-text", "666")]
    public async Task A_secret_file_others_may_read_or_change_is_refused_with_the_chmod_that_fixes_it(string option, string mode)
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        var file = Path.Combine(world.Home, "secret.txt");
        var gate = world.Account("Gate main");
        CliWorld.WriteOwnerOnly(file, option switch
        {
            "--new-password-file" => "granite-meadow-compass-17\n",
            "--export-password-file" => "export-granite-meadow-17\n",
            "--qr-text" => JsonSerializer.Serialize(new { apiKey = gate.ApiKey, secretKey = gate.Secret }),
            _ => CliWorld.Password + "\n",
        });
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode, 8));
        }

        var export = Path.Combine(world.Home, "backup.kfx");
        var run = option switch
        {
            "--password-file" => await world.RunAsync("check", "--password-file", file),
            "KEYFOLIO_PASSWORD_FILE" => await KeyfolioProcess.RunAsync(world.Home, null, new Dictionary<string, string?> { ["KEYFOLIO_PASSWORD_FILE"] = file }, "check"),
            "--new-password-file" => await world.RunAsync("passwd", "--new-password-file", file),
            "--export-password-file" => await world.RunAsync("export", export, "--export-password-file", file),
            _ => await world.RunAsync("replace", "Gate main", "--qr-text", file),
        };

        Assert.True(SecretFile.OthersMayReadOrChange((UnixFileMode)Convert.ToInt32(mode, 8)));
        Assert.False(SecretFile.OthersMayReadOrChange(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        if (OperatingSystem.IsWindows())
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            return;
        }

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"chmod 600 {file}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"mode {mode}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(export));
        Assert.Equal(0, (await world.RunAsync("check", "Gate main")).ExitCode);
    }

    [Fact]
    public async Task The_refusal_is_in_Chinese_when_asked()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var file = Path.Combine(world.Home, "password.txt");
        CliWorld.WriteOwnerOnly(file, CliWorld.Password + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        var run = await world.RunAsync("check", "--password-file", file, "--lang", "zh");

        Assert.True(SecretFile.OthersMayReadOrChange((UnixFileMode)Convert.ToInt32("644", 8)));
        if (OperatingSystem.IsWindows())
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            return;
        }

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("其他用户", run.Error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {file}", run.Error, StringComparison.Ordinal);
    }
}
