using Keyfolio.Core.Storage;
using Keyfolio.Vault.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The audit store contract against SQLite, tampered with by SQL as someone holding the file would.</summary>
public sealed class SqliteAuditStoreContractTests : DatabaseAuditStoreContract
{
    private readonly KeyfolioDatabase _database;

    public SqliteAuditStoreContractTests()
    {
        _database = new KeyfolioDatabase(DataDirectory);
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    protected override IAuditStore OpenAuditStore() => new DatabaseAuditStore(_database);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test tampering statements are constants.")]
    protected override async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
