using System.Globalization;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Testing.Postgres;
using Npgsql;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// Two <c>keyfolio serve</c> processes, each with its own data directory (the second joined with a copy of the first's
/// audit key), on one real PostgreSQL database: they share the sync, and when one is killed (SIGKILL) in the middle of a
/// refresh, the other refreshes that connection once the dead one's lease has expired.
/// </summary>
public sealed class SeveralNodesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private const string ExportPassword = "export-granite-meadow-17";
    private static readonly string[] Accounts = ["Binance main", "OKX main", "Kraken main"];

    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await fixture.Simulator.ClearFaultsAsync("okx");
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_killed_mid_refresh_has_its_connection_refreshed_by_the_other_after_its_lease_and_nothing_twice()
    {
        var environment = new Dictionary<string, string?>
        {
            ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
            ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = _database!.ConnectionString,
            ["KEYFOLIO_SYNC__LEASEPERIOD"] = "15s",
        };
        using var first = new CliWorld(fixture.Simulator, environment);
        using var second = new CliWorld(fixture.Simulator, environment);
        Assert.Equal(0, (await first.RunAsync("init")).ExitCode);

        // The connections arrive by import, so none has been synced: each is due the moment a node unlocks.
        var exportPassword = Path.Combine(first.Home, "export-password");
        CliWorld.WriteOwnerOnly(exportPassword, ExportPassword + "\n");
        var export = Path.Combine(first.Home, "connections.kfx");
        using (var source = new CliWorld(fixture.Simulator))
        {
            Assert.Equal(0, (await source.RunAsync("init")).ExitCode);
            foreach (var label in Accounts)
            {
                var connected = await source.ConnectAsync(label);
                Assert.True(connected.ExitCode == 0, connected.ToString());
            }

            var exported = await source.RunAsync("export", export, "--export-password-file", exportPassword);
            Assert.True(exported.ExitCode == 0, exported.ToString());
        }

        var imported = await first.RunAsync("import", export, "--export-password-file", exportPassword);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var keyCopy = Path.Combine(second.Home, "audit.key.copy");
        File.Copy(Path.Combine(first.Home, "audit.key"), keyCopy);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var joined = await second.RunAsync("join-node", "--audit-key", keyCopy);
        Assert.True(joined.ExitCode == 0, joined.ToString());
        File.Delete(keyCopy);

        // OKX answers slowly, so the first node is still refreshing it when it is killed.
        await fixture.Simulator.SetLatencyAsync("okx", 2500);
        var okx = await ScalarAsync<string>("SELECT id FROM connections WHERE label = 'OKX main'");
        DateTimeOffset deadLeaseEnd;
        await using (var dying = await ServeProcess.StartAsync(first.Home, environment))
        {
            using var client = dying.Client();
            Assert.True((await client.PostAsync("/api/vault/unlock", new { password = CliWorld.Password })).IsSuccessStatusCode);
            var lease = await WaitForAsync(
                "SELECT holder, expires_at FROM sync_leases WHERE connection_id = @id AND holder LIKE @node",
                reader => (Holder: reader.GetString(0), ExpiresAt: reader.GetInt64(1)),
                ("@id", okx),
                ("@node", $"%/{dying.ProcessId.ToString(CultureInfo.InvariantCulture)}/%"));
            deadLeaseEnd = DateTimeOffset.UnixEpoch.AddTicks(lease.ExpiresAt * 10);
            await dying.KillAsync();
        }

        // From now on OKX answers at once: a survivor that did not wait for the dead node's lease would refresh it
        // seconds after it starts, long before that lease ends.
        await fixture.Simulator.ClearFaultsAsync("okx");

        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM snapshots WHERE connection_id = @id", ("@id", okx)));
        await using var survivor = await ServeProcess.StartAsync(second.Home, environment);
        using (var client = survivor.Client())
        {
            Assert.True((await client.PostAsync("/api/vault/unlock", new { password = CliWorld.Password })).IsSuccessStatusCode);
        }

        var takenOverAt = await WaitForAsync(
            "SELECT last_sync_at FROM connections WHERE id = @id AND last_sync_at IS NOT NULL",
            reader => DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(0) * 10),
            ("@id", okx));

        // Every connection the dead node left (leased or not yet started) is refreshed by the survivor in the end.
        await WaitForAsync(
            "SELECT COUNT(*) FROM connections WHERE last_sync_at IS NOT NULL HAVING COUNT(*) = @all",
            reader => reader.GetInt64(0),
            ("@all", (long)Accounts.Length));

        // The survivor took OKX over only once the dead node's lease had run out; it wrote OKX's first snapshot, and the
        // connections the dead node had refreshed were not refreshed again (none was due).
        Assert.True(takenOverAt >= deadLeaseEnd, $"refreshed at {takenOverAt:O}, the dead node's lease ran to {deadLeaseEnd:O}");
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM snapshots WHERE connection_id = @id", ("@id", okx)));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM (SELECT connection_id FROM snapshots GROUP BY connection_id HAVING COUNT(*) > 1) AS twice"));
        Assert.Equal(Accounts.Length, await ScalarAsync<long>("SELECT COUNT(DISTINCT connection_id) FROM snapshots"));

        // One audit chain holds both nodes' entries, and each node verifies it.
        await survivor.KillAsync();
        foreach (var node in new[] { first, second })
        {
            var verified = await node.RunAsync("audit", "--verify");
            Assert.True(verified.ExitCode == 0, verified.ToString());
        }
    }

    /// <summary>Reads the first row of <paramref name="sql"/> once one exists, within a minute.</summary>
    private async Task<T> WaitForAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            await using (var connection = new NpgsqlConnection(_database!.ConnectionString))
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = Command(connection, sql, parameters);
                await using var reader = await command.ExecuteReaderAsync(timeout.Token);
                if (await reader.ReadAsync(timeout.Token))
                {
                    return read(reader);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test queries are constants.")]
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
