using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Storage;

/// <summary>
/// Everything that is SQLite's own: the connection string, the per-connection settings and the column types the
/// portable migration scripts name by token. Every other statement Keyfolio runs is standard SQL that PostgreSQL
/// also accepts, so a second dialect is all another database needs.
/// </summary>
internal sealed class SqlDialect
{
    private static readonly Dictionary<string, string> TypeTokens = new(StringComparer.Ordinal)
    {
        ["{identity}"] = "INTEGER PRIMARY KEY",
        ["{binary}"] = "BLOB",
    };

    /// <summary>The statement that checks the whole file; it answers one row, <c>ok</c>, when the file is sound.</summary>
    public const string IntegrityCheck = "PRAGMA integrity_check";

    private readonly string _connectionString;

    public SqlDialect(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Replaces the type tokens of a portable script with this database's types.</summary>
    public static string Render(string portableSql)
    {
        var sql = portableSql;
        foreach (var (token, type) in TypeTokens)
        {
            sql = sql.Replace(token, type, StringComparison.Ordinal);
        }

        return sql;
    }

    /// <summary>
    /// Opens a connection with write-ahead logging, foreign keys on, and full synchronisation, so a committed
    /// transaction (an audit entry above all) is on disk before the call returns.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a transaction that takes the write lock at once, so two writers queue instead of deadlocking.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <summary>True when the exception is a unique or primary-key violation.</summary>
    public static bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>Closes every pooled connection to the file, so it can be copied, deleted or checked from outside.</summary>
    public static void ReleasePooledConnections() => SqliteConnection.ClearAllPools();
}
