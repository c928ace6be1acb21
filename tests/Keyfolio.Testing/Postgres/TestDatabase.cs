using Npgsql;

namespace Keyfolio.Testing.Postgres;

/// <summary>
/// One test's own empty PostgreSQL database, made by <see cref="TestPostgres.CreateDatabaseAsync"/>. Disposing it drops
/// the database, ending any session still connected to it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private int _disposed;

    internal TestDatabase(string name, string connectionString, string serverConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        _serverConnectionString = serverConnectionString;
    }

    /// <summary>The database's name: <c>kf_test_</c> and 32 hex digits.</summary>
    public string Name { get; }

    /// <summary>An Npgsql <c>key=value</c> connection string to this database, as the server's role.</summary>
    public string ConnectionString { get; }

    /// <summary>Drops the database (<c>WITH (FORCE)</c>, so open connections do not keep it); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Idle pooled connections would be ended by the drop and fail when reused: let the pool forget them first.
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await TestPostgres.ExecuteOnServerAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None)
            .ConfigureAwait(false);
    }
}
