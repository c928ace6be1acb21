using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>keyfolio backup</c> and <c>keyfolio restore</c> as a person runs them: the connection survives, the vault opens, an overwrite needs --force.</summary>
public sealed class BackupRestoreTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_backup_restores_over_the_data_directory_with_force_and_the_connection_and_audit_log_come_back()
    {
        using var world = new CliWorld(fixture.Simulator);
        var file = Path.Combine(world.Home, "..", Path.GetFileName(world.Home) + "-backup.zip");
        try
        {
            Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
            Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);

            var backup = await world.RunAsync("backup", file, "--json");
            var again = await world.RunAsync("backup", file);
            Assert.Equal(0, (await world.RunAsync("remove", "Gate main")).ExitCode);
            var refused = await world.RunAsync("restore", file);
            var rollbackRefused = await world.RunAsync("restore", file, "--force");
            var restored = await world.RunAsync("restore", file, "--force", "--rollback", "--json");
            var connections = await world.RunAsync("connections", "--json");
            var verified = await world.RunAsync("audit", "--verify");

            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.True(JsonDocument.Parse(backup.Output).RootElement.GetProperty("verified").GetBoolean());
            Assert.Equal(ExitCodes.Usage, again.ExitCode);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
            Assert.NotEqual(0, rollbackRefused.ExitCode);
            Assert.Contains("--rollback", rollbackRefused.Error, StringComparison.Ordinal);
            Assert.True(restored.ExitCode == 0, restored.ToString());
            var kept = JsonDocument.Parse(restored.Output).RootElement.GetProperty("keptAside").GetString()!;
            Assert.True(Directory.Exists(kept));
            Assert.Contains("Gate main", connections.Output, StringComparison.Ordinal);
            Assert.True(verified.ExitCode == 0, verified.ToString());
            Directory.Delete(kept, recursive: true);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task While_Keyfolio_serves_the_data_directory_a_backup_is_made_but_a_restore_and_a_second_server_are_refused()
    {
        using var world = new CliWorld(fixture.Simulator);
        var file = Path.Combine(world.Home, "..", Path.GetFileName(world.Home) + "-served-backup.zip");
        var parent = Path.GetDirectoryName(Path.GetFullPath(world.Home))!;
        try
        {
            Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
            Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
            Run backup, restore, second;
            await using (await ServeProcess.StartAsync(world.Home, new Dictionary<string, string?>()))
            {
                backup = await world.RunAsync("backup", file);
                restore = await world.RunAsync("restore", file, "--force", "--rollback");
                second = await world.RunAsync("serve", "--urls", "http://127.0.0.1:0");
            }

            var afterwards = await world.RunAsync("restore", file, "--force", "--rollback", "--json");

            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Equal(ExitCodes.Conflict, restore.ExitCode);
            Assert.Contains("Keyfolio is serving", restore.Error, StringComparison.Ordinal);
            Assert.Contains("keyfolio serve at http://127.0.0.1:0 (process ", restore.Error, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", restore.Error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Conflict, second.ExitCode);
            Assert.Contains("Keyfolio is already serving the data directory", second.Error, StringComparison.Ordinal);
            Assert.True(afterwards.ExitCode == 0, afterwards.ToString());
            var kept = JsonDocument.Parse(afterwards.Output).RootElement.GetProperty("keptAside").GetString()!;
            Assert.Equal([kept], Directory.GetDirectories(parent, Path.GetFileName(world.Home) + ".replaced-*").Select(Path.GetFullPath));
            Directory.Delete(kept, recursive: true);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
