using Keyfolio.Cli.Tests.Support;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Cli.Tests.EndToEnd;

public sealed class ExportFileTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Export_with_force_leaves_a_file_that_was_open_to_others_readable_by_its_owner_alone()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        var passwordFile = Path.Combine(world.Home, "export-password");
        CliWorld.WriteOwnerOnly(passwordFile, "export-granite-meadow-17\n");
        var target = Path.Combine(world.Home, "backup.kfx");
        await File.WriteAllTextAsync(target, "an older file, readable by everyone");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var run = await world.RunAsync("export", target, "--force", "--export-password-file", passwordFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("KFVX"u8.ToArray(), (await File.ReadAllBytesAsync(target))[..4]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OwnerOnlyMode.File);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        }
    }
}
