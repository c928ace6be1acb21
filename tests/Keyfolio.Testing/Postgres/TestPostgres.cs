using Npgsql;

namespace Keyfolio.Testing.Postgres;

/// <summary>
/// The real PostgreSQL server the tests use, and a new empty database on it for each test. The server is the one
/// <c>KEYFOLIO_TEST_POSTGRES</c> names (an Npgsql <c>key=value</c> connection string whose role may create databases;
/// <c>./test.sh</c> sets it to the throwaway cluster it starts). When that is unset, the first use starts one throwaway
/// cluster for the whole test process, with the rules <c>./test.sh</c> follows, and stops and removes it when the
/// process exits. When neither is possible it throws <see cref="InvalidOperationException"/> saying what to do: a test
/// that needs PostgreSQL fails without it, it is never skipped.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable naming the server: <c>Host=…;Port=…;Username=…;Password=…;Database=postgres</c>.</summary>
    public const string EnvironmentVariable = "KEYFOLIO_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(FindServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The server's connection string, on its <c>postgres</c> database, for a role that may create databases. The first
    /// read may start the throwaway cluster (a few seconds); a failure to find or start a server is thrown on every read.
    /// </summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>
    /// Creates a new empty database with a unique name (<c>kf_test_</c> and a GUID's 32 hex digits), owned by the
    /// server's role, in UTF-8 from <c>template0</c>. Disposing the returned database drops it.
    /// </summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = ServerConnectionString;
        var name = "kf_test_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", cancellationToken).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(name, builder.ConnectionString, server);
    }

    /// <summary>The message of every failure to find a server: what is missing, then the three ways to fix it.</summary>
    internal static string NotAvailable(string reason) =>
        $"PostgreSQL is needed for this test: run ./test.sh, or install postgresql ('sudo apt-get install postgresql' on Debian/Ubuntu), " +
        $"or set {EnvironmentVariable}=Host=…;Port=…;Username=…;Password=…;Database=postgres (a role that may CREATE DATABASE). {reason}";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements create and drop databases whose names this class generates.")]
    internal static async Task ExecuteOnServerAsync(string server, string statement, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(server);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e)
            {
                var settings = new NpgsqlConnectionStringBuilder(server);
                var source = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)) ? "the throwaway cluster" : EnvironmentVariable;
                throw new InvalidOperationException(
                    $"Could not connect to the tests' PostgreSQL server ({source}: {settings.Host}:{settings.Port} as {settings.Username}): {e.Message}", e);
            }

            var command = new NpgsqlCommand(statement, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string FindServer()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return ThrowawayCluster.Start().ConnectionString;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException)
        {
            // The value may hold a password: the message names the variable, never its value.
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not an Npgsql connection string. Give it as Host=…;Port=…;Username=…;Password=…;Database=postgres, for a role that may CREATE DATABASE.");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} names no host. Give it as Host=…;Port=…;Username=…;Password=…;Database=postgres.");
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        return builder.ConnectionString;
    }
}
