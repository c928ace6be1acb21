using System.Data.Common;
using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>The <c>connections</c> table. A removed connection keeps its row (and so its history) with <c>removed_at</c>
/// set, until its history is deleted too.</summary>
internal sealed class ConnectionRepository(KeyfolioDatabase database)
{
    private const string Columns =
        "id, label, exchange, region, environment, custom_base_url, api_key_last4, key_fingerprint, key_facts, withdrawal_allowed, " +
        "sync_interval_seconds, created_at, key_replaced_at, last_checked_at, last_check_diagnosis, last_sync_at, last_sync_diagnosis, " +
        "last_success_at, last_manual_refresh_at";

    public static string LabelKey(string label) => ConnectionLabel.Key(label);

    public async Task<IReadOnlyList<Connection>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {Columns} FROM connections WHERE removed_at IS NULL ORDER BY created_at, id", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The label of every connection that still has a row, removed ones included (the audit log names them).</summary>
    public async Task<IReadOnlyDictionary<string, string>> LabelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "SELECT id, label FROM connections");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[reader.GetString(0)] = reader.GetString(1);
        }

        return labels;
    }

    /// <summary>Every connection added or removed since <paramref name="since"/>, removed ones included, oldest change first.</summary>
    public async Task<IReadOnlyList<(string Id, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RemovedAt)>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT id, label, created_at, removed_at FROM connections WHERE created_at >= @since OR removed_at >= @since ORDER BY created_at, id",
            ("@since", DbValues.ToMicroseconds(since)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changed = new List<(string, string, DateTimeOffset, DateTimeOffset?)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changed.Add((reader.GetString(0), reader.GetString(1), DbValues.FromMicroseconds(reader.GetInt64(2)), DbValues.Time(reader, 3)));
        }

        return changed;
    }

    public async Task<Connection?> FindByLabelAsync(string label, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, null, $"SELECT {Columns} FROM connections WHERE removed_at IS NULL AND label_key = @label", cancellationToken, ("@label", LabelKey(label))).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Connection?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, null, $"SELECT {Columns} FROM connections WHERE removed_at IS NULL AND id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The active connections holding the key with this fingerprint, for naming a key used more than once.</summary>
    public async Task<IReadOnlyList<Connection>> ListByKeyAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {Columns} FROM connections WHERE removed_at IS NULL AND key_fingerprint = @fingerprint ORDER BY created_at, id", cancellationToken, ("@fingerprint", fingerprint)).ConfigureAwait(false);
    }

    public static async Task<bool> LabelInUseAsync(DbConnection connection, DbTransaction transaction, string label, string? exceptId, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(
            connection,
            transaction,
            "SELECT COUNT(*) FROM connections WHERE removed_at IS NULL AND label_key = @label AND id <> @except",
            ("@label", LabelKey(label)),
            ("@except", exceptId ?? string.Empty));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The active connection that already uses the key with this fingerprint, other than <paramref name="exceptId"/>.</summary>
    public static async Task<string?> LabelUsingKeyAsync(DbConnection connection, DbTransaction? transaction, string fingerprint, string? exceptId, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(
            connection,
            transaction,
            "SELECT label FROM connections WHERE removed_at IS NULL AND key_fingerprint = @fingerprint AND id <> @except",
            ("@fingerprint", fingerprint),
            ("@except", exceptId ?? string.Empty));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<string?> LabelUsingKeyAsync(string fingerprint, string? exceptId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LabelUsingKeyAsync(connection, null, fingerprint, exceptId, cancellationToken).ConfigureAwait(false);
    }

    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Connection row, CancellationToken cancellationToken)
    {
        await using var insert = DbValues.Command(
            connection,
            transaction,
            $"INSERT INTO connections ({Columns}, label_key, permissions) VALUES (@id, @label, @exchange, @region, @environment, @url, @last4, @fingerprint, @facts, @withdrawal, " +
            "@interval, @created, @replaced, @checked, @checkDiagnosis, @synced, @syncDiagnosis, @success, @manual, @labelKey, @permissions)",
            Parameters(row));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every mutable column of <paramref name="row"/>; false when the connection is gone.</summary>
    public static async Task<bool> UpdateAsync(DbConnection connection, DbTransaction transaction, Connection row, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(
            connection,
            transaction,
            "UPDATE connections SET label = @label, label_key = @labelKey, region = @region, environment = @environment, custom_base_url = @url, " +
            "api_key_last4 = @last4, key_fingerprint = @fingerprint, key_facts = @facts, permissions = @permissions, withdrawal_allowed = @withdrawal, " +
            "sync_interval_seconds = @interval, key_replaced_at = @replaced, last_checked_at = @checked, last_check_diagnosis = @checkDiagnosis, " +
            "last_sync_at = @synced, last_sync_diagnosis = @syncDiagnosis, last_success_at = @success, last_manual_refresh_at = @manual " +
            "WHERE id = @id AND removed_at IS NULL",
            Parameters(row));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Moves a connection's creation back (the demo's history, whose readings start before the demo did).</summary>
    public static async Task BackdateAsync(DbConnection connection, DbTransaction transaction, string id, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(connection, transaction, "UPDATE connections SET created_at = @created WHERE id = @id", ("@created", DbValues.ToMicroseconds(createdAt)), ("@id", id));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> UpdateAsync(Connection row, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => UpdateAsync(connection, transaction, row, cancellationToken), cancellationToken);

    public static async Task<bool> MarkRemovedAsync(DbConnection connection, DbTransaction transaction, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(connection, transaction, "UPDATE connections SET removed_at = @at WHERE id = @id AND removed_at IS NULL", ("@id", id), ("@at", DbValues.ToMicroseconds(at)));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes the row, and with it (by cascade) every snapshot of the connection.</summary>
    public static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var delete = DbValues.Command(connection, transaction, "DELETE FROM connections WHERE id = @id", ("@id", id));
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (string, object?)[] Parameters(Connection row) =>
    [
        ("@id", row.Id),
        ("@label", row.Label),
        ("@labelKey", LabelKey(row.Label)),
        ("@exchange", row.Exchange.ToName()),
        ("@region", DbValues.ToDb(row.Region)),
        ("@environment", row.Environment.ToString().ToLowerInvariant()),
        ("@url", DbValues.ToDb(row.CustomBaseUrl?.ToString())),
        ("@last4", row.ApiKeyLastFour),
        ("@fingerprint", row.KeyFingerprint),
        ("@facts", DbValues.ToDb(CoreJson.Serialize(row.Facts))),
        ("@permissions", DbValues.ToDb(row.Facts is null ? null : PermissionList(row.Facts))),
        ("@withdrawal", row.WithdrawalAllowed ? 1 : 0),
        ("@interval", DbValues.ToDb(row.SyncInterval is { } interval ? (long)interval.TotalSeconds : null)),
        ("@created", DbValues.ToMicroseconds(row.CreatedAt)),
        ("@replaced", DbValues.ToDb(row.KeyReplacedAt)),
        ("@checked", DbValues.ToDb(row.LastCheckedAt)),
        ("@checkDiagnosis", DbValues.ToDb(CoreJson.Serialize(row.LastCheckDiagnosis))),
        ("@synced", DbValues.ToDb(row.LastSyncAt)),
        ("@syncDiagnosis", DbValues.ToDb(CoreJson.Serialize(row.LastSyncDiagnosis))),
        ("@success", DbValues.ToDb(row.LastSuccessAt)),
        ("@manual", DbValues.ToDb(row.LastManualRefreshAt)),
    ];

    /// <summary>The granted rights in one clear column (<c>read,spotTrade</c>), so lists can show them while locked.</summary>
    private static string PermissionList(KeyFacts facts) =>
        string.Join(',', facts.Permissions.Where(p => p.Value == PermissionState.Granted).Select(p => p.Key.ToString()).Order(StringComparer.Ordinal));

    private static async Task<IReadOnlyList<Connection>> QueryAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = DbValues.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<Connection>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static Connection Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Label = reader.GetString(1),
        Exchange = ExchangeIds.TryParse(reader.GetString(2), out var exchange) ? exchange.Value : throw new StorageException("A connection names an exchange this version does not know."),
        Region = DbValues.Text(reader, 3),
        Environment = Enum.Parse<ExchangeEnvironment>(reader.GetString(4), ignoreCase: true),
        CustomBaseUrl = DbValues.Text(reader, 5) is { } url
            ? Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : throw new StorageException("A connection's API URL is not a URL; the database was changed outside Keyfolio.")
            : null,
        ApiKeyLastFour = reader.GetString(6),
        KeyFingerprint = reader.GetString(7),
        Facts = CoreJson.Deserialize<KeyFacts>(DbValues.Text(reader, 8)),
        WithdrawalAllowed = reader.GetInt64(9) != 0,
        SyncInterval = DbValues.Long(reader, 10) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        CreatedAt = DbValues.FromMicroseconds(reader.GetInt64(11)),
        KeyReplacedAt = DbValues.Time(reader, 12),
        LastCheckedAt = DbValues.Time(reader, 13),
        LastCheckDiagnosis = CoreJson.Deserialize<Diagnosis>(DbValues.Text(reader, 14)),
        LastSyncAt = DbValues.Time(reader, 15),
        LastSyncDiagnosis = CoreJson.Deserialize<Diagnosis>(DbValues.Text(reader, 16)),
        LastSuccessAt = DbValues.Time(reader, 17),
        LastManualRefreshAt = DbValues.Time(reader, 18),
    };
}
