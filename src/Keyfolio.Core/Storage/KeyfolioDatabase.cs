using System.Data.Common;
using Keyfolio.Core.Storage.Migrations;

namespace Keyfolio.Core.Storage;

/// <summary>
/// The SQLite database in the data directory (<c>keyfolio.db</c>): opened with write-ahead logging and foreign keys,
/// brought to the current schema by <see cref="MigrateAsync"/> at start-up.
/// </summary>
public sealed class KeyfolioDatabase
{
    public const string FileName = "keyfolio.db";

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;

    public KeyfolioDatabase(string dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        _dialect = new SqlDialect(FilePath);
        _time = timeProvider ?? TimeProvider.System;
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Creates the data directory (owner-only where the platform allows) and applies pending migrations.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken, int? targetVersion = null)
    {
        EnsureDirectory();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrationRunner.MigrateAsync(connection, _time, cancellationToken, targetVersion).ConfigureAwait(false);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrationRunner.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    internal Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _dialect.OpenAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one write transaction: all of it is committed, or none.</summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = SqlDialect.BeginWrite(connection);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal async Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        await WriteAsync<bool>(
            async (connection, transaction) =>
            {
                await work(connection, transaction).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public async Task<string> CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, SqlDialect.IntegrityCheck);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private void EnsureDirectory()
    {
        if (Directory.Exists(DataDirectory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DataDirectory);
        }
        else
        {
            Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
