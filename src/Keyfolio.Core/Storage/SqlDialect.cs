using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyfolio.Core.Storage;

/// <summary>
/// Everything that is one database engine's own: how a connection is opened and set up, how a write transaction takes
/// the write lock, the column types the portable migration scripts name by token, how a unique violation and the
/// engine's own integrity check look. Every statement Keyfolio runs besides these is standard SQL that SQLite and
/// PostgreSQL both accept.
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(StoreLocation store, string databasePath) => store.Provider switch
    {
        StoreProvider.PostgreSql => new PostgresDialect(store.Postgres!),
        _ => new SqliteDialect(databasePath),
    };

    public abstract StoreProvider Provider { get; }

    /// <summary>The column types that stand for the tokens of the portable scripts.</summary>
    protected abstract IReadOnlyDictionary<string, string> TypeTokens { get; }

    /// <summary>Replaces the type tokens of a portable script with this database's types.</summary>
    public string Render(string portableSql)
    {
        var sql = portableSql;
        foreach (var (token, type) in TypeTokens)
        {
            sql = sql.Replace(token, type, StringComparison.Ordinal);
        }

        return sql;
    }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction that holds the database's one write lock until it ends, so writers queue one after
    /// another and a read-then-write inside it (the next audit sequence number, the header's revision) sees no other
    /// writer between the two.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The engine's own check of the stored data; "ok" when sound.</summary>
    public abstract Task<string> CheckIntegrityAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction for claiming rows that several servers compete for (the sync's leases). On PostgreSQL it does
    /// not take the write lock: the claim's own row locks keep two claimers apart, and skip what another holds at the
    /// moment. SQLite has no row locks; its claim holds the write lock, which serves one file's writers.
    /// </summary>
    public abstract Task<DbTransaction> BeginClaimAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>What a claim's <c>SELECT</c> ends with: lock the rows read, skipping those another transaction holds.</summary>
    public abstract string LockRowsSkippingHeld { get; }

    /// <summary>What a <c>SELECT</c> ends with to lock the rows it read until the transaction ends, waiting for a holder.</summary>
    public abstract string LockRows { get; }

    /// <summary>True when the exception is a unique or primary-key violation, in either engine.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>Closes every pooled SQLite connection, so the file can be copied, deleted or checked from outside.</summary>
    public static void ReleasePooledConnections() => SqliteConnection.ClearAllPools();
}

/// <summary>The embedded file: write-ahead logging, foreign keys, full synchronisation.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["{identity}"] = "INTEGER PRIMARY KEY",
        ["{binary}"] = "BLOB",
    };

    private readonly string _connectionString;

    public SqliteDialect(string databasePath)
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

    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string> TypeTokens => Tokens;

    /// <summary>
    /// Opens a connection with write-ahead logging, foreign keys on, and full synchronisation, so a committed
    /// transaction (an audit entry above all) is on disk before the call returns.
    /// </summary>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
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

    /// <summary>An immediate transaction: it takes SQLite's write lock at once, so two writers queue instead of deadlocking.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1849", Justification = "Microsoft.Data.Sqlite has no asynchronous form that takes the lock at once; its asynchronous begin runs synchronously too.")]
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginClaimAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteAsync(connection, cancellationToken);

    public override string LockRowsSkippingHeld => string.Empty;

    public override string LockRows => string.Empty;

    public override async Task<string> CheckIntegrityAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, null, "PRAGMA integrity_check");
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}

/// <summary>
/// A PostgreSQL database through Npgsql's pooled data source. Writers serialise on one transaction-scoped advisory
/// lock, the same one-writer-at-a-time rule SQLite keeps, so every read-then-write of the stores is safe under
/// PostgreSQL's default isolation and across several processes sharing the database.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The advisory lock key of Keyfolio's writers ("Keyfolio" in ASCII); advisory locks are per database.</summary>
    private const long WriteLockKey = 0x4B6579666F6C696F;

    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["{identity}"] = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        ["{binary}"] = "BYTEA",
    };

    /// <summary>One pool per server and database for the whole process, however many stores open it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;
    private readonly string _database;
    private readonly string _user;

    public PostgresDialect(NpgsqlConnectionStringBuilder settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        _server = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}");
        _database = builder.Database ?? string.Empty;
        _user = builder.Username ?? string.Empty;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "keyfolio";
        }

        _dataSource = DataSources.GetOrAdd(builder.ConnectionString, static text => NpgsqlDataSource.Create(text));
    }

    public override StoreProvider Provider => StoreProvider.PostgreSql;

    protected override IReadOnlyDictionary<string, string> TypeTokens => Tokens;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(exception);
        }
    }

    /// <summary>Why the server could not be used, in words that hold no part of the connection string's password.</summary>
    private StoreUnavailableException Unavailable(Exception exception)
    {
        var reason = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"it refused the user name {_user} or its password",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => $"it has no database named {_database}",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } => "it has no connection left to give",
            PostgresException postgres => $"it answered with error {postgres.SqlState}",
            _ when exception.InnerException is TimeoutException || exception is TimeoutException => "it did not answer in time",
            _ => "nothing answered there (refused, or no route to it)",
        };
        return new StoreUnavailableException(
            $"The PostgreSQL server at {_server} cannot be used: {reason}.",
            "Check Database:ConnectionString (host, port, database, user name and password) and that the server is running, then try again.",
            exception);
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = DbValues.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("@key", WriteLockKey));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbTransaction> BeginClaimAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override string LockRowsSkippingHeld => " FOR UPDATE SKIP LOCKED";

    public override string LockRows => " FOR UPDATE";

    /// <summary>
    /// PostgreSQL keeps its own pages sound (and checks them when data checksums are on); what Keyfolio can check is
    /// that the server answers and its tables can be read.
    /// </summary>
    public override async Task<string> CheckIntegrityAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, null, "SELECT COUNT(*) FROM schema_version");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return "ok";
    }
}
