using Keyfolio.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// An audit entry deleted from the middle of the log is found by the full verification every audited command runs;
/// the commands are refused until the person reseals the log on purpose, and then work again.
/// </summary>
public sealed class AuditResealTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_deleted_middle_entry_refuses_commands_until_audit_reseal_which_then_lets_them_run()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        await DeleteAuditEntryAsync(world, 3);

        var refused = await world.RunAsync("check", "Gate main");
        var resealed = await world.RunAsync("audit", "--reseal");
        var checkedAfter = await world.RunAsync("check", "Gate main");
        var verified = await world.RunAsync("audit", "--verify");

        Assert.Equal(ExitCodes.AuditProblem, refused.ExitCode);
        Assert.Contains("Entry 3 is missing", refused.Error, StringComparison.Ordinal);
        Assert.True(resealed.ExitCode == 0, resealed.ToString());
        Assert.Contains("EntryMissing at entry 3", resealed.Output, StringComparison.Ordinal);
        Assert.True(checkedAfter.ExitCode == 0, checkedAfter.ToString());
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("intact", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resealing_needs_the_master_password_and_a_wrong_one_is_refused_and_recorded_after_the_reseal()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        await DeleteAuditEntryAsync(world, 2);
        var wrongFile = world.PasswordFile + ".wrong";
        CliWorld.WriteOwnerOnly(wrongFile, "not-the-master-password-7\n");
        try
        {
            var guessed = await world.RunAsync("audit", "--reseal", "--password-file", wrongFile);
            var stillBlocked = await world.RunAsync("audit", "--verify");
            var resealed = await world.RunAsync("audit", "--reseal");
            var entries = (await world.JsonAsync("audit", "--limit", "3")).EnumerateArray().ToList();

            Assert.True(guessed.ExitCode == ExitCodes.WrongPassword, guessed.ToString());
            Assert.DoesNotContain("Resealed", guessed.Output, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.AuditProblem, stillBlocked.ExitCode);
            Assert.True(resealed.ExitCode == 0, resealed.ToString());
            Assert.Equal("vault.unlock_failed", entries[0].GetProperty("action").GetString());
            Assert.StartsWith("audit reseal, refused at ", entries[0].GetProperty("outcome").GetString(), StringComparison.Ordinal);
            Assert.Equal("audit.resealed", entries[1].GetProperty("action").GetString());
        }
        finally
        {
            File.Delete(wrongFile);
        }
    }

    [Fact]
    public async Task Resealing_an_intact_log_changes_nothing()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);

        var run = await world.RunAsync("audit", "--reseal");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not broken", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("audit.resealed", (await world.RunAsync("audit", "--json")).Output, StringComparison.Ordinal);
    }

    private static async Task DeleteAuditEntryAsync(CliWorld world, long sequence)
    {
        await using (var connection = new SqliteConnection("Data Source=" + Path.Combine(world.Home, "keyfolio.db")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM audit_entries WHERE sequence = $sequence";
            command.Parameters.AddWithValue("$sequence", sequence);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        SqliteConnection.ClearAllPools();
    }
}
