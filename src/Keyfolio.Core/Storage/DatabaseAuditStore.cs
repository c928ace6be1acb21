using System.Data.Common;
using System.Runtime.CompilerServices;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Core.Storage;

/// <summary>
/// The audit entries in the database, each appended in its own committed transaction (durable on return, as the
/// connection synchronises fully) and kept exactly as given: times and durations in whole microseconds.
/// </summary>
public sealed class DatabaseAuditStore(KeyfolioDatabase database) : IAuditStore
{
    private const string Columns = "sequence, recorded_at, actor, action, connection_id, key_fingerprint, endpoint, outcome, duration_us, mac";

    public async Task<bool> TryAppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            return await database.WriteAsync((connection, transaction) => AppendAsync(connection, transaction, record, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (SqlDialect.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <summary>Appends <paramref name="record"/> inside the caller's write transaction, with the change it records;
    /// false (nothing written) when an entry with its sequence number exists.</summary>
    internal static async Task<bool> AppendAsync(DbConnection connection, DbTransaction transaction, AuditRecord record, CancellationToken cancellationToken)
    {
        await using (var exists = DbValues.Command(connection, transaction, "SELECT COUNT(*) FROM audit_entries WHERE sequence = @sequence", ("@sequence", record.Sequence)))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        await using var insert = DbValues.Command(
            connection,
            transaction,
            $"INSERT INTO audit_entries ({Columns}) VALUES (@sequence, @time, @actor, @action, @connection, @fingerprint, @endpoint, @outcome, @duration, @mac)",
            ("@sequence", record.Sequence),
            ("@time", DbValues.ToMicroseconds(record.Time)),
            ("@actor", record.Actor),
            ("@action", AuditActionCodes.ToCode(record.Action)),
            ("@connection", DbValues.ToDb(record.ConnectionId)),
            ("@fingerprint", DbValues.ToDb(record.KeyFingerprint)),
            ("@endpoint", DbValues.ToDb(record.Endpoint)),
            ("@outcome", DbValues.ToDb(record.Outcome)),
            ("@duration", record.Duration is { } duration ? duration.Ticks / 10 : DBNull.Value),
            ("@mac", record.Mac));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, $"SELECT {Columns} FROM audit_entries WHERE sequence > @after ORDER BY sequence", ("@after", afterSequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Record(reader);
        }
    }

    public async Task<AuditRecord?> ReadLastAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, $"SELECT {Columns} FROM audit_entries ORDER BY sequence DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Record(reader) : null;
    }

    /// <summary>The newest entries first, optionally of one connection: what the activity views show.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadNewestAsync(int limit, string? connectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connectionId is null
            ? DbValues.Command(connection, null, $"SELECT {Columns} FROM audit_entries ORDER BY sequence DESC LIMIT @limit", ("@limit", limit))
            : DbValues.Command(connection, null, $"SELECT {Columns} FROM audit_entries WHERE connection_id = @connection ORDER BY sequence DESC LIMIT @limit", ("@limit", limit), ("@connection", connectionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Record(reader));
        }

        return records;
    }

    /// <summary>
    /// One page of entries, newest first: those before <paramref name="beforeSequence"/> (all when null), optionally of
    /// one connection and one action.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadPageAsync(string? connectionId, AuditAction? action, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Only the filters given become conditions: a parameter that is only ever compared with NULL has no type
        // PostgreSQL can infer.
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)> { ("@limit", limit) };
        if (connectionId is not null)
        {
            conditions.Add("connection_id = @connection");
            parameters.Add(("@connection", connectionId));
        }

        if (action is { } known)
        {
            conditions.Add("action = @action");
            parameters.Add(("@action", AuditActionCodes.ToCode(known)));
        }

        if (beforeSequence is { } before)
        {
            conditions.Add("sequence < @before");
            parameters.Add(("@before", before));
        }

        var where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        await using var command = DbValues.Command(connection, null, $"SELECT {Columns} FROM audit_entries{where} ORDER BY sequence DESC LIMIT @limit", [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Record(reader));
        }

        return records;
    }

    private static AuditRecord Record(DbDataReader reader) =>
        new(
            reader.GetInt64(0),
            DbValues.FromMicroseconds(reader.GetInt64(1)),
            reader.GetString(2),
            AuditActionCodes.TryParse(reader.GetString(3), out var action)
                ? action
                : throw new StorageException($"Audit entry {reader.GetInt64(0)} has an action code this version does not know; it was written by a newer Keyfolio or edited."),
            DbValues.Text(reader, 4),
            DbValues.Text(reader, 5),
            DbValues.Text(reader, 6),
            DbValues.Text(reader, 7),
            reader.IsDBNull(8) ? null : TimeSpan.FromTicks(reader.GetInt64(8) * 10),
            DbValues.Bytes(reader, 9));
}
