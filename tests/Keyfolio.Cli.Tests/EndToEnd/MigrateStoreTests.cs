using System.Text.Json;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Testing.Postgres;
using Npgsql;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// <c>keyfolio migrate-store</c> as an operator runs it: a SQLite data directory moved into a real PostgreSQL database,
/// then Keyfolio started on it with <c>Database:Provider</c> set, and a second move into the filled database refused.
/// </summary>
public sealed class MigrateStoreTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task The_store_moves_into_PostgreSQL_without_printing_the_password_and_Keyfolio_then_runs_there()
    {
        using var world = new CliWorld(fixture.Simulator);
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password;
        Assert.False(string.IsNullOrEmpty(password), "the test database's connection string carries a password, so its absence from the output means something");
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        var sqlite = Path.Combine(world.Home, "keyfolio.db");
        var sqliteBefore = File.GetLastWriteTimeUtc(sqlite);

        var moved = await world.RunAsync("migrate-store", "--to", database.ConnectionString);

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.DoesNotContain(password!, moved.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password!, moved.Error, StringComparison.Ordinal);
        Assert.Contains("Warning: the connection string given with --to holds a password", moved.Error, StringComparison.Ordinal);
        Assert.Contains("KEYFOLIO_DATABASE__CONNECTIONSTRING", moved.Error, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL database {database.Name} on", moved.Output, StringComparison.Ordinal);
        Assert.Contains("connections, rows: 1", moved.Output, StringComparison.Ordinal);
        Assert.Contains("credentials, rows: 1", moved.Output, StringComparison.Ordinal);
        Assert.Contains("audit log (", moved.Output, StringComparison.Ordinal);
        Assert.Contains("Database:Provider to postgresql", moved.Output, StringComparison.Ordinal);
        Assert.Contains("is as it was", moved.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(sqlite));
        Assert.Equal(sqliteBefore, File.GetLastWriteTimeUtc(sqlite));

        var onPostgres = new Dictionary<string, string?>
        {
            ["KEYFOLIO_PASSWORD_FILE"] = world.PasswordFile,
            ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
            ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = database.ConnectionString,
        };
        var connections = await KeyfolioProcess.RunAsync(world.Home, null, onPostgres, "connections", "--json");
        var verified = await KeyfolioProcess.RunAsync(world.Home, null, onPostgres, "audit", "--verify");
        var again = await KeyfolioProcess.RunAsync(world.Home, null, onPostgres, "migrate-store", "--json");

        Assert.True(connections.ExitCode == 0, connections.ToString());
        Assert.Contains("Gate main", connections.Output, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Equal(ExitCodes.Conflict, again.ExitCode);
        var error = JsonDocument.Parse(again.Output).RootElement.GetProperty("error");
        Assert.Contains("is not empty", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("drop it", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password!, again.Output + again.Error, StringComparison.Ordinal);
    }
}
