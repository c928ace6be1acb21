using Keyfolio.Testing.Postgres;
using Npgsql;

namespace Keyfolio.Core.Tests.Postgres;

/// <summary>
/// The tests' PostgreSQL server gives each test a database of its own: new, empty, owned by the test role, apart from
/// every other test's, and gone once disposed.
/// </summary>
public sealed class TestPostgresTests
{
    private const string UserTables = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')";

    [Fact]
    public async Task Two_databases_are_distinct_and_empty()
    {
        await using var first = await TestPostgres.CreateDatabaseAsync();
        await using var second = await TestPostgres.CreateDatabaseAsync();

        Assert.NotEqual(first.Name, second.Name);
        Assert.Matches("^kf_test_[0-9a-f]{32}$", first.Name);
        foreach (var database in new[] { first, second })
        {
            Assert.Equal(database.Name, await ScalarAsync<string>(database.ConnectionString, "SELECT current_database()"));
            Assert.Equal(0L, await ScalarAsync<long>(database.ConnectionString, UserTables));
            Assert.Equal("UTF8", await ScalarAsync<string>(database.ConnectionString, "SHOW server_encoding"));
        }
    }

    [Fact]
    public async Task A_table_written_in_one_database_is_not_seen_in_another()
    {
        await using var first = await TestPostgres.CreateDatabaseAsync();
        await using var second = await TestPostgres.CreateDatabaseAsync();

        await ScalarAsync<int>(first.ConnectionString, "CREATE TABLE canary (id integer PRIMARY KEY); INSERT INTO canary VALUES (7); SELECT 1");

        Assert.Equal(7, await ScalarAsync<int>(first.ConnectionString, "SELECT id FROM canary"));
        Assert.False(await ScalarAsync<bool>(second.ConnectionString, "SELECT to_regclass('public.canary') IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(second.ConnectionString, UserTables));
    }

    [Fact]
    public async Task The_database_belongs_to_the_server_role()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();

        var serverRole = await ScalarAsync<string>(TestPostgres.ServerConnectionString, "SELECT current_user");
        Assert.Equal(serverRole, await ScalarAsync<string>(database.ConnectionString, "SELECT current_user"));
        Assert.Equal(serverRole, await ScalarAsync<string>(
            TestPostgres.ServerConnectionString, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = @name", database.Name));
    }

    [Fact]
    public async Task Disposing_drops_the_database_even_while_a_connection_to_it_is_open()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var open = new NpgsqlConnection(database.ConnectionString);
        await open.OpenAsync();
        Assert.Equal(1L, await CountDatabasesAsync(database.Name));

        await database.DisposeAsync();

        Assert.Equal(0L, await CountDatabasesAsync(database.Name));
        await using (var query = new NpgsqlCommand("SELECT 1", open))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => query.ExecuteScalarAsync());
        }

        var reconnect = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(database.ConnectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, reconnect.SqlState);
        await database.DisposeAsync();
    }

    private static Task<long> CountDatabasesAsync(string name) =>
        ScalarAsync<long>(TestPostgres.ServerConnectionString, "SELECT count(*) FROM pg_database WHERE datname = @name", name);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are the tests' own constants; the name travels as a parameter.")]
    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, string? name = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (name is not null)
        {
            command.Parameters.AddWithValue("name", name);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
