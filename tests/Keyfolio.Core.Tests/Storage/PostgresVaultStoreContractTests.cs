using System.Text;
using Keyfolio.Core.Storage;
using Keyfolio.Testing.Contracts;
using Keyfolio.Testing.Postgres;
using Keyfolio.Vault.Storage;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The vault's store contract against the same stores on a real PostgreSQL database.</summary>
public sealed class PostgresVaultStoreContractTests : VaultStoreContract, IAsyncLifetime
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

    protected override IVaultStore OpenVaultStore() => new DatabaseVaultStore(_database!);

    protected override IVaultStore OpenVaultStoreCrashingAt(int step) => new CrashingVaultStore(new DatabaseVaultStore(_database!), step);

    protected override IAuditStore OpenAuditStore() => new DatabaseAuditStore(_database!);

    /// <summary>The data directory's files and every value of every table, binary columns as their bytes.</summary>
    protected override IEnumerable<byte[]> ReadPersistedBytes()
    {
        var values = PostgresRows.ReadEveryValueAsync(_server!.ConnectionString).GetAwaiter().GetResult();
        return Directory.EnumerateFiles(DataDirectory).Select(File.ReadAllBytes).Concat(values);
    }
}

/// <summary>Reads a PostgreSQL database whole, as someone holding a dump of it would.</summary>
internal static class PostgresRows
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the catalogue of a throwaway test database.")]
    public static async Task<List<byte[]>> ReadEveryValueAsync(string connectionString)
    {
        var values = new List<byte[]>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        values.Add(reader.GetValue(i) is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                    }
                }
            }
        }

        return values;
    }
}
