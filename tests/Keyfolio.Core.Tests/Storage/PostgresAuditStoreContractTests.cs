using Keyfolio.Core.Storage;
using Keyfolio.Testing.Postgres;
using Keyfolio.Vault.Storage;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The audit store contract against PostgreSQL, tampered with by SQL as someone holding the database would.</summary>
public sealed class PostgresAuditStoreContractTests : DatabaseAuditStoreContract, IAsyncLifetime
{
    private TestDatabase? _server;
    private KeyfolioDatabase? _database;

    public async Task InitializeAsync()
    {
        _server = await TestPostgres.CreateDatabaseAsync();
        _database = new KeyfolioDatabase(DataDirectory, null, StoreLocation.PostgreSql(_server.ConnectionString));
        await _database.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override IAuditStore OpenAuditStore() => new DatabaseAuditStore(_database!);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test tampering statements are constants.")]
    protected override async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name.TrimStart('@'), Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
