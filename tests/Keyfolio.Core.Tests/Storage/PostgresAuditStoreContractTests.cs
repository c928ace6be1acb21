using Keyfolio.Core.Storage;
using Keyfolio.Testing.Contracts;
using Keyfolio.Testing.Postgres;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The audit store contract against PostgreSQL, tampered with by SQL as someone holding the database would.</summary>
public sealed class PostgresAuditStoreContractTests : AuditStoreContract, IAsyncLifetime
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

    protected override async Task EditEntryAsync(long sequence, Func<AuditRecord, AuditRecord> edit)
    {
        AuditRecord? original = null;
        await foreach (var record in OpenAuditStore().ReadAsync(sequence - 1, CancellationToken.None))
        {
            original = record;
            break;
        }

        var edited = edit(original!);
        await ExecuteAsync(
            "UPDATE audit_entries SET recorded_at = @time, actor = @actor, action = @action, connection_id = @connection, key_fingerprint = @fingerprint, endpoint = @endpoint, outcome = @outcome, duration_us = @duration, mac = @mac WHERE sequence = @sequence",
            ("time", (edited.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10),
            ("actor", edited.Actor),
            ("action", AuditActionCodes.ToCode(edited.Action)),
            ("connection", edited.ConnectionId),
            ("fingerprint", edited.KeyFingerprint),
            ("endpoint", edited.Endpoint),
            ("outcome", edited.Outcome),
            ("duration", edited.Duration?.Ticks / 10),
            ("mac", edited.Mac),
            ("sequence", sequence));
    }

    protected override Task DeleteEntryAsync(long sequence) =>
        ExecuteAsync("DELETE FROM audit_entries WHERE sequence = @sequence", ("sequence", sequence));

    protected override Task SwapEntriesAsync(long first, long second) =>
        ExecuteAsync(
            "UPDATE audit_entries SET sequence = -1 WHERE sequence = @first; UPDATE audit_entries SET sequence = @first WHERE sequence = @second; UPDATE audit_entries SET sequence = @second WHERE sequence = -1;",
            ("first", first),
            ("second", second));

    protected override Task TruncateAsync(long keep) =>
        ExecuteAsync("DELETE FROM audit_entries WHERE sequence > @keep", ("keep", keep));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test tampering statements are constants.")]
    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
