using Keyfolio.Core.Storage;
using Keyfolio.Testing.Postgres;

namespace Keyfolio.Core.Tests.Support;

/// <summary>A test class whose every test gets a database of its own on the real PostgreSQL, dropped afterwards.</summary>
public abstract class OnPostgres : IAsyncLifetime
{
    private TestDatabase? _server;

    /// <summary>The test's database.</summary>
    protected TestDatabase Server => _server ?? throw new InvalidOperationException("The test database is made before each test.");

    /// <summary>The test's database as a store.</summary>
    protected StoreLocation Store => StoreLocation.PostgreSql(Server.ConnectionString);

    /// <summary>The same database through a pool of its own, as another process or machine would reach it.</summary>
    protected StoreLocation StoreAs(string applicationName) => StoreLocation.PostgreSql(Server.ConnectionString + ";Application Name=" + applicationName);

    public async Task InitializeAsync() => _server = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
