using System.Data.Common;
using Keyfolio.Core.Storage.Migrations;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Core.Storage;

/// <summary>
/// Keyfolio's database: the SQLite file in the data directory (<c>keyfolio.db</c>, opened with write-ahead logging and
/// foreign keys), or in server mode a PostgreSQL database (<see cref="StoreLocation"/>); either is brought to the
/// current schema by the same migrations in <see cref="MigrateAsync"/> at start-up.
/// </summary>
public sealed class KeyfolioDatabase
{
    public const string FileName = "keyfolio.db";

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;

    public KeyfolioDatabase(string dataDirectory, TimeProvider? timeProvider = null, StoreLocation? store = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        Store = store ?? StoreLocation.Sqlite;
        _dialect = SqlDialect.For(Store, FilePath);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The data directory: the SQLite file's folder, and in either mode the audit log's key and head.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the SQLite file is, or would be; unused on PostgreSQL.</summary>
    public string FilePath { get; }

    /// <summary>Which engine and database hold the data.</summary>
    public StoreLocation Store { get; }

    /// <summary>True for the embedded SQLite file, whose copy, integrity check and permissions are the file's own.</summary>
    public bool IsEmbedded => _dialect.Provider == StoreProvider.Sqlite;

    /// <summary>
    /// Makes the data directory and the database files its owner's alone where the platform allows (creating them so,
    /// or tightening them when found open to others), then applies pending migrations.
    /// </summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken, int? targetVersion = null)
    {
        EnsurePrivate();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrationRunner.MigrateAsync(connection, _dialect, _time, cancellationToken, targetVersion).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the migrations up to <paramref name="targetVersion"/> inside the caller's write transaction on an empty
    /// database, committing nothing: what <see cref="StoreTransfer"/> runs on the PostgreSQL database it fills.
    /// </summary>
    internal Task<int> MigrateWithinAsync(DbConnection connection, DbTransaction transaction, int targetVersion, CancellationToken cancellationToken)
    {
        EnsurePrivate();
        return MigrationRunner.MigrateWithinAsync(connection, transaction, _dialect, _time, targetVersion, cancellationToken);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrationRunner.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the database for its schema version without writing anything: for a readiness probe, which must neither
    /// create the file nor run migrations. Never throws for a database that is missing, damaged or locked.
    /// </summary>
    public async Task<StoreReadiness> CheckReadinessAsync(CancellationToken cancellationToken)
    {
        var expected = MigrationCatalog.LatestVersion;
        if (IsEmbedded && !File.Exists(FilePath))
        {
            return new StoreReadiness(false, 0, expected, "The database file does not exist yet.");
        }

        DbConnection connection;
        try
        {
            connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or TimeoutException or StoreUnavailableException)
        {
            return new StoreReadiness(false, 0, expected, IsEmbedded ? "The database cannot be opened." : "The PostgreSQL server cannot be reached or refused the connection.");
        }

        await using (connection.ConfigureAwait(false))
        {
            int version;
            try
            {
                version = await MigrationRunner.ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                return new StoreReadiness(false, 0, expected, IsEmbedded
                    ? "The database cannot be read: it is damaged, or has no schema yet."
                    : "The PostgreSQL database cannot be read: the connection to it failed, or it has no Keyfolio schema yet.");
            }

            var problem = version == expected
                ? null
                : version < expected
                    ? $"The database is at schema version {version}; this version of Keyfolio needs {expected} (migrations run at start)."
                    : $"The database is at schema version {version}, newer than this version of Keyfolio knows ({expected}).";
            return new StoreReadiness(true, version, expected, problem);
        }
    }

    /// <summary>
    /// Writes a consistent copy of the whole database to <paramref name="path"/> (SQLite's <c>VACUUM INTO</c>), while
    /// other connections, in this process or another, go on reading and writing. The file must not exist.
    /// </summary>
    internal async Task CopyToAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsEmbedded)
        {
            throw new StorageException("Keyfolio copies only its embedded SQLite file; a PostgreSQL database is backed up with PostgreSQL's own tools (pg_dump, or the server's base backups).");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "VACUUM INTO @path", ("@path", path));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _dialect.OpenAsync(cancellationToken);

    /// <summary>Starts a transaction holding the database's write lock (<see cref="SqlDialect.BeginWriteAsync"/>).</summary>
    internal Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _dialect.BeginWriteAsync(connection, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one write transaction: all of it is committed, or none.</summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one claim transaction (<see cref="SqlDialect.BeginClaimAsync"/>).</summary>
    internal async Task<T> ClaimAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginClaimAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc cref="SqlDialect.LockRowsSkippingHeld"/>
    internal string LockRowsSkippingHeld => _dialect.LockRowsSkippingHeld;

    /// <inheritdoc cref="SqlDialect.LockRows"/>
    internal string LockRows => _dialect.LockRows;

    internal async Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        await WriteAsync<bool>(
            async (connection, transaction) =>
            {
                await work(connection, transaction).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>, or on PostgreSQL a read of the schema; "ok" when sound.</summary>
    public async Task<string> CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await _dialect.CheckIntegrityAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The directory 0700 and <c>keyfolio.db</c>, <c>-wal</c> and <c>-shm</c> 0600 on Unix, whoever created them: the
    /// database holds the encrypted keys, and its write-ahead log recent writes. SQLite gives the log files the mode of
    /// the database file, so the database file is created 0600 before SQLite first opens it.
    /// </summary>
    private void EnsurePrivate()
    {
        if (!IsEmbedded)
        {
            // The audit log's key and head stay in the data directory in server mode too.
            if (!OperatingSystem.IsWindows() && !Directory.Exists(DataDirectory))
            {
                Directory.CreateDirectory(DataDirectory, OwnerOnlyMode.Directory);
            }

            Directory.CreateDirectory(DataDirectory);
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DataDirectory);
            return;
        }

        if (Directory.Exists(DataDirectory))
        {
            OwnerOnlyMode.Tighten(DataDirectory, OwnerOnlyMode.Directory);
        }
        else
        {
            Directory.CreateDirectory(DataDirectory, OwnerOnlyMode.Directory);
        }

        if (!File.Exists(FilePath))
        {
            using var created = new FileStream(FilePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyMode.File });
        }

        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            if (File.Exists(file))
            {
                OwnerOnlyMode.Tighten(file, OwnerOnlyMode.File);
            }
        }
    }
}
