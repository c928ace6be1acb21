using System.Diagnostics;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>kill -9 during a sync, a connect and a replace leaves a sound database with no half-written snapshot or key,
/// and no audit entry for a change that was not made.</summary>
public sealed class CrashTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Killing_the_process_during_a_sync_leaves_an_intact_database()
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");
        foreach (var label in new[] { "Binance main", "OKX main", "Bitfinex main" })
        {
            Assert.Equal(0, (await world.ConnectAsync(label)).ExitCode);
        }

        await KillDuringAsync(world, "bitfinex", null, "balances", "--refresh");

        await AssertIntactAsync(world, expectedConnections: 3);
    }

    [Fact]
    public async Task Killing_the_process_during_a_replace_keeps_the_old_key_working()
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        var replacement = CliWorld.CredentialsJson(world.Account("Gate rate-limited"));

        await KillDuringAsync(world, "gate", replacement, "replace", "Gate main", "--credentials-stdin");

        await AssertIntactAsync(world, expectedConnections: 1);
        var check = await world.RunAsync("check", "Gate main");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Killing_the_process_during_a_connect_leaves_no_connection_and_no_entry_claiming_one()
    {
        using var world = new CliWorld(fixture.Simulator);
        await world.RunAsync("init");
        var account = world.Account("Gate main");

        await KillDuringAsync(
            world,
            "gate",
            CliWorld.CredentialsJson(account),
            "connect", account.Exchange, "--label", "Gate main", "--api-url", world.Simulator.Urls[account.Exchange].ToString(), "--credentials-stdin");

        await AssertIntactAsync(world, expectedConnections: 0);
        Assert.Equal(0L, await AuditCountAsync(world, "credential.added"));
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        Assert.Equal(1L, await AuditCountAsync(world, "credential.added"));
    }

    private static async Task<long> AuditCountAsync(CliWorld world, string action)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = new KeyfolioDatabase(world.Home).FilePath }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_entries WHERE action = $action";
        command.Parameters.AddWithValue("$action", action);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task KillDuringAsync(CliWorld world, string slowExchange, string? stdin, params string[] arguments)
    {
        await world.Simulator.SetLatencyAsync(slowExchange, 3000);
        try
        {
            var baseline = await world.Simulator.RequestsAsync(slowExchange);
            var info = KeyfolioProcess.StartInfo(world.Home, arguments, new Dictionary<string, string?> { ["KEYFOLIO_PASSWORD_FILE"] = world.PasswordFile });
            using var process = Process.Start(info)!;
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
            await world.Simulator.WaitForRequestsAsync(slowExchange, baseline);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            await world.Simulator.SetLatencyAsync(slowExchange, 0);
        }
    }

    private static async Task AssertIntactAsync(CliWorld world, int expectedConnections)
    {
        SqliteConnection.ClearAllPools();
        var database = new KeyfolioDatabase(world.Home);
        Assert.Equal("ok", await database.CheckIntegrityAsync(CancellationToken.None));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath }.ToString());
        await connection.OpenAsync();
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM snapshots s WHERE s.holding_count <> (SELECT COUNT(*) FROM snapshot_holdings h WHERE h.snapshot_id = s.id)"));
        Assert.Equal((long)expectedConnections, await ScalarAsync(connection, "SELECT COUNT(*) FROM connections WHERE removed_at IS NULL"));
        Assert.Equal((long)expectedConnections, await ScalarAsync(connection, "SELECT COUNT(*) FROM credentials c JOIN connections k ON k.id = c.id"));
        var verified = await world.RunAsync("audit", "--verify");
        Assert.True(verified.ExitCode == 0, verified.ToString());
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test queries are constants.")]
    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
