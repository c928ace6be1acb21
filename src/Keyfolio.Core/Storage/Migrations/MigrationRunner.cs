using System.Data.Common;

namespace Keyfolio.Core.Storage.Migrations;

/// <summary>
/// Brings a database to a schema version: each pending migration runs in its own transaction together with the
/// row that records it, so a crash leaves the database at the previous version, never between two.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            name VARCHAR(200) NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """;

    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var create = DbValues.Command(connection, null, CreateVersionTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = DbValues.Command(connection, transaction, "SELECT MAX(version) FROM schema_version");
        var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the migrations above the current version up to <paramref name="targetVersion"/>; returns how many ran.</summary>
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, TimeProvider time, CancellationToken cancellationToken, int? targetVersion = null)
    {
        var target = targetVersion ?? MigrationCatalog.LatestVersion;
        var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > MigrationCatalog.LatestVersion)
        {
            throw new StorageException(
                $"The database was written by a newer Keyfolio (schema version {current}; this version knows up to {MigrationCatalog.LatestVersion}). Install the newer Keyfolio again, or restore a backup made with this version.");
        }

        var applied = 0;
        foreach (var migration in MigrationCatalog.All.Where(m => m.Version > current && m.Version <= target))
        {
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) >= migration.Version)
            {
                // Another process applied it while this one waited for the write lock.
                continue;
            }

            await ApplyAsync(connection, transaction, dialect, time, migration, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        return applied;
    }

    /// <summary>
    /// Brings an empty database to <paramref name="targetVersion"/> inside the caller's transaction, with the same
    /// migrations: nothing is committed here, so the schema and whatever the caller writes after it are kept together
    /// or not at all (PostgreSQL changes its schema inside a transaction).
    /// </summary>
    public static async Task<int> MigrateWithinAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, TimeProvider time, int targetVersion, CancellationToken cancellationToken)
    {
        await using (var create = DbValues.Command(connection, transaction, CreateVersionTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var migration in MigrationCatalog.All.Where(m => m.Version > current && m.Version <= targetVersion))
        {
            await ApplyAsync(connection, transaction, dialect, time, migration, cancellationToken).ConfigureAwait(false);
            applied++;
        }

        return applied;
    }

    /// <summary>One migration's script, its rewrite and the row that records it, in <paramref name="transaction"/>.</summary>
    private static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, TimeProvider time, Migration migration, CancellationToken cancellationToken)
    {
        if (migration.Sql.Length > 0)
        {
            await using var change = DbValues.Command(connection, transaction, dialect.Render(migration.Sql));
            await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (migration.Rewrite is { } rewrite)
        {
            await rewrite(connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        await using (var record = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)",
            ("@version", migration.Version),
            ("@name", migration.Name),
            ("@at", DbValues.ToMicroseconds(time.GetUtcNow()))))
        {
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
