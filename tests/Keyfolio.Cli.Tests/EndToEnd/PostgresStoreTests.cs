using System.Text.Json;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Testing.Postgres;
using Npgsql;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// The keyfolio executable with <c>Database:Provider=postgresql</c>, set as an operator would (environment variables),
/// against a real PostgreSQL database and the simulator: every command and the server keep their data there.
/// </summary>
public sealed partial class PostgresStoreTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private static readonly string[] Accounts = ["Binance main", "OKX main", "Kraken main"];

    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Init_connect_balances_audit_and_serve_work_on_PostgreSQL_and_no_SQLite_file_is_made()
    {
        var password = new NpgsqlConnectionStringBuilder(_database!.ConnectionString).Password!;
        using var world = new CliWorld(fixture.Simulator, new Dictionary<string, string?>
        {
            ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
            ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = _database.ConnectionString,
        });

        var init = await world.RunAsync("init", "--json");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal("postgresql", JsonDocument.Parse(init.Output).RootElement.GetProperty("store").GetString());
        foreach (var label in Accounts)
        {
            var connected = await world.ConnectAsync(label);
            Assert.True(connected.ExitCode == 0, connected.ToString());
        }

        var balances = await world.JsonAsync("balances");
        var expected = Accounts.Sum(label => world.Account(label).Balances.Sum(b => b.Net * world.Demo.Prices[b.Asset]));
        Assert.Equal(expected, balances.GetProperty("totalUsd").GetDecimal());
        var verified = await world.RunAsync("audit", "--verify");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("intact", verified.Output, StringComparison.Ordinal);

        Assert.False(File.Exists(Path.Combine(world.Home, "keyfolio.db")), "the data went to PostgreSQL, not to a file beside it");
        Assert.Equal(Accounts.Length, await CountAsync("SELECT COUNT(*) FROM connections WHERE removed_at IS NULL"));
        Assert.True(await CountAsync("SELECT COUNT(*) FROM audit_entries") > Accounts.Length);

        await using (var server = await ServeProcess.StartAsync(world.Home, world.Environment))
        {
            using var client = server.Client();
            var ready = await client.GetAsync("/readyz");
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            var checks = JsonDocument.Parse(ready.Body).RootElement.GetProperty("checks");
            Assert.Equal("ok", checks.GetProperty("database").GetString());
            Assert.Equal("ok", checks.GetProperty("migrations").GetString());
            Assert.Equal("ok", checks.GetProperty("auditLog").GetString());
            Assert.DoesNotContain(password, ready.Body, StringComparison.Ordinal);
        }

        foreach (var output in new[] { init.Output, init.Error, verified.Output, verified.Error })
        {
            Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_stops_the_command_with_a_message_that_names_it_and_not_its_password()
    {
        const string Canary = "Canary-Unreachable-Pg-Password-31";
        using var world = new CliWorld(fixture.Simulator, new Dictionary<string, string?>
        {
            ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
            ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = $"Host=127.0.0.1;Port=1;Database=keyfolio;Username=kf;Password={Canary};Timeout=2",
        });

        var run = await world.RunAsync("connections");

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains("The PostgreSQL server at 127.0.0.1:1 cannot be used", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: Check Database:ConnectionString", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_whose_PostgreSQL_cannot_be_reached_stops_at_start_with_exit_code_10_and_the_fix()
    {
        const string Canary = "Canary-Serve-Pg-Password-58";
        using var world = new CliWorld(fixture.Simulator);

        var run = await KeyfolioProcess.RunAsync(world.Home, null, new Dictionary<string, string?>
        {
            ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
            ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = $"Host=127.0.0.1;Port=1;Database=keyfolio;Username=kf;Password={Canary};Timeout=2",
        }, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains("Fix: Check Database:ConnectionString", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, run.Output + run.Error, StringComparison.Ordinal);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test queries are constants.")]
    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
