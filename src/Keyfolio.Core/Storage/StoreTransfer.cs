using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Keyfolio.Core.Storage;

/// <summary>
/// Moves the data directory's SQLite database into an empty PostgreSQL database: every table the schema has, read
/// from the SQLite file itself (a table a future migration adds is moved without a change here), copied in
/// foreign-key order in one PostgreSQL transaction together with the schema, then compared row by row and column by
/// column and its audit chain verified against the data directory's <c>audit.key</c> and <c>audit.head</c>, which stay
/// where they are in both modes. Nothing is decrypted: the credentials' ciphertext and the vault header move as bytes.
/// The SQLite file is only read (after its own migrations), and held against other writers while it is.
/// </summary>
public sealed partial class StoreTransfer(KeyfolioCoreOptions options, TimeProvider time)
{
    /// <summary>The migrations' own record: written on the target by the same migrations, not copied.</summary>
    internal const string VersionTable = "schema_version";

    /// <summary>Rows per INSERT, at most; fewer for wide tables, so a statement stays well below PostgreSQL's 65,535 parameters.</summary>
    private const int BatchRows = 500;

    /// <summary>
    /// Moves the SQLite database of the data directory into <paramref name="target"/>, which must hold no Keyfolio data,
    /// reporting each table once it is copied. Refused, with what to do, while <c>keyfolio serve</c> holds the data
    /// directory, when the target is not empty or cannot be reached, and when the audit log does not verify; cancelled
    /// or failed before its commit, the target is left as it was.
    /// </summary>
    public async Task<CoreResult<StoreTransferSummary>> MoveAsync(StoreLocation target, IProgress<StoreTransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Provider != StoreProvider.PostgreSql)
        {
            throw new ArgumentException("The store moves into a PostgreSQL database only.", nameof(target));
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        if (!File.Exists(Path.Combine(directory, KeyfolioDatabase.FileName)))
        {
            return new CoreError(CoreErrorKind.BadInput, Texts.Of("NoSqliteFileToMove", directory), Texts.Of("NoSqliteFileToMoveFix")) { Field = DataDirectory.EnvironmentVariable };
        }

        // A server on the directory would go on writing to the SQLite file while it is copied, and those writes would
        // be left behind: refused, not raced. Held until the move is done, so none starts meanwhile.
        using var serving = ServingLock.TryTake(directory, "keyfolio migrate-store", time, out var heldBy);
        if (serving is null)
        {
            return new CoreError(CoreErrorKind.Conflict, Texts.Of("KeyfolioIsServingTheStoreMove", directory, heldBy), Texts.Of("StopKeyfolioServeThenMove"));
        }

        var source = new KeyfolioDatabase(directory, time, StoreLocation.Sqlite);
        try
        {
            await source.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return await MoveFromAsync(source, new KeyfolioDatabase(directory, time, target), progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SqlDialect.ReleasePooledConnections();
        }
    }

    private async Task<CoreResult<StoreTransferSummary>> MoveFromAsync(KeyfolioDatabase source, KeyfolioDatabase target, IProgress<StoreTransferProgress>? progress, CancellationToken cancellationToken)
    {
        // The source's write lock for the whole move: what is copied and what is compared are the same rows, and no
        // other command adds one in between that the copy would miss. Nothing is written through it.
        await using var reading = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var held = await source.BeginWriteAsync(reading, cancellationToken).ConfigureAwait(false);
        var version = await Migrations.MigrationRunner.ReadVersionAsync(reading, held, cancellationToken).ConfigureAwait(false);
        var tables = await ReadTablesAsync(reading, held, cancellationToken).ConfigureAwait(false);

        // A server that cannot be used throws StoreUnavailableException, which names it and the fix.
        var writing = (NpgsqlConnection)await target.OpenAsync(cancellationToken).ConfigureAwait(false);

        var copied = new List<TableTransfer>();
        await using (writing.ConfigureAwait(false))
        {
            try
            {
                await using var transaction = await target.BeginWriteAsync(writing, cancellationToken).ConfigureAwait(false);
                var found = await ExistingDataAsync(writing, transaction, tables, cancellationToken).ConfigureAwait(false);
                if (found.Count > 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new CoreError(CoreErrorKind.Conflict, Texts.Of("TheTargetHoldsKeyfolioData", target.Store.ToString(), string.Join(", ", found)), Texts.Of("GiveAnEmptyDatabaseOrDrop")) { Field = "connectionString" };
                }

                // Only then the source's chain: a directory already moved has a head past its SQLite file's last entry,
                // and what it needs to hear is that the target is not empty.
                if ((await VerifyAuditAsync(source, cancellationToken).ConfigureAwait(false)).Error is { } broken)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return broken;
                }

                await target.MigrateWithinAsync(writing, transaction, version, cancellationToken).ConfigureAwait(false);
                var toCopy = tables.Where(t => t.Name != VersionTable).ToList();
                foreach (var table in toCopy)
                {
                    var columns = await TargetColumnsAsync(writing, transaction, table, cancellationToken).ConfigureAwait(false);
                    var rows = await CopyAsync(reading, held, writing, transaction, table, columns, cancellationToken).ConfigureAwait(false);
                    foreach (var identity in columns.Where(c => c.Identity))
                    {
                        await AdvanceSequenceAsync(writing, transaction, table.Name, identity.Name, cancellationToken).ConfigureAwait(false);
                    }

                    copied.Add(new TableTransfer(table.Name, rows));
                    progress?.Report(new StoreTransferProgress(table.Name, rows, copied.Count, toCopy.Count));
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when ((exception is NpgsqlException or StorageException) && !cancellationToken.IsCancellationRequested)
            {
                // A refusal of the server's, or a value or column this version cannot move: rolled back, all of it.
                var detail = exception is StorageException ? exception.Message : Detail(exception);
                return new CoreError(CoreErrorKind.Corrupted, Texts.Of("TheCopyIntoFailed", target.Store.ToString(), detail), Texts.Of("TheCopyIntoFailedFix"));
            }
        }

        // After the commit: the same rows, every column, read back from PostgreSQL.
        (long Entries, CoreError? Error) moved;
        try
        {
            foreach (var table in tables)
            {
                if (await CompareAsync(reading, held, target, table, cancellationToken).ConfigureAwait(false) is { } difference)
                {
                    return new CoreError(CoreErrorKind.Corrupted, Texts.Of("TheMovedCopyDiffers", target.Store.ToString(), difference), Texts.Of("DropTheCopyAndMoveAgain"));
                }
            }

            moved = await VerifyAuditAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is NpgsqlException or StorageException) && !cancellationToken.IsCancellationRequested)
        {
            var detail = exception is StorageException ? exception.Message : Detail(exception);
            return new CoreError(CoreErrorKind.Corrupted, Texts.Of("TheMovedCopyCouldNotBeChecked", target.Store.ToString(), detail), Texts.Of("DropTheCopyAndMoveAgain"));
        }

        if (moved.Error is { } differs)
        {
            return differs;
        }

        await held.RollbackAsync(cancellationToken).ConfigureAwait(false);
        using (var trail = new AuditTrail(target, time))
        {
            try
            {
                await trail.AppendAsync(
                    new AuditEvent(AuditActor.Current, AuditAction.Imported)
                    {
                        Outcome = string.Create(CultureInfo.InvariantCulture, $"whole database moved from the SQLite file {KeyfolioDatabase.FileName}: {moved.Entries} audit entries, schema {version}"),
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AuditLogException exception)
            {
                return Errors.AuditFailed(exception.Message);
            }
        }

        return new StoreTransferSummary(target.Store.ToString(), version, copied, moved.Entries);
    }

    /// <summary>The audit chain over <paramref name="database"/> with the data directory's key and head, walked in full.</summary>
    private async Task<(long Entries, CoreError? Error)> VerifyAuditAsync(KeyfolioDatabase database, CancellationToken cancellationToken)
    {
        var moved = !database.IsEmbedded;
        using var trail = new AuditTrail(database, time);
        try
        {
            var verification = await trail.VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (verification.IsIntact)
            {
                return (verification.EntriesChecked, null);
            }

            return (0, moved
                ? new CoreError(CoreErrorKind.AuditFailed, Texts.Of("TheMovedAuditLogFails", database.Store.ToString(), verification.Summary), Texts.Of("DropTheCopyAndMoveAgain"))
                : new CoreError(CoreErrorKind.AuditFailed, Texts.Of("TheAuditLogFailsNothingMoved", verification.Summary), Texts.Of("RunKeyfolioAuditVerifyTo")));
        }
        catch (AuditLogException exception)
        {
            return (0, new CoreError(CoreErrorKind.AuditFailed, Texts.Of("TheAuditLogFailsNothingMoved", exception.Message), Texts.Of("RunKeyfolioAuditVerifyTo")));
        }
    }

    /// <summary>
    /// Every table of the SQLite file (its own <c>sqlite_…</c> tables aside) with its columns and primary key, the
    /// referenced tables before those that reference them.
    /// </summary>
    internal static async Task<IReadOnlyList<TableShape>> ReadTablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var list = DbValues.Command(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(Identifier(reader.GetString(0)));
            }
        }

        var shapes = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var columns = new List<string>();
            var key = new SortedList<long, string>();
            await using (var info = DbValues.Command(connection, transaction, "SELECT name, pk FROM pragma_table_info(@table) ORDER BY cid", ("@table", name)))
            await using (var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var column = Identifier(reader.GetString(0));
                    columns.Add(column);
                    if (reader.GetInt64(1) > 0)
                    {
                        key.Add(reader.GetInt64(1), column);
                    }
                }
            }

            var references = new SortedSet<string>(StringComparer.Ordinal);
            await using (var foreign = DbValues.Command(connection, transaction, "SELECT \"table\" FROM pragma_foreign_key_list(@table)", ("@table", name)))
            await using (var reader = await foreign.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    references.Add(reader.GetString(0));
                }
            }

            shapes.Add(name, new TableShape(name, columns, key.Count > 0 ? [.. key.Values] : columns, [.. references]));
        }

        var ordered = new List<TableShape>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < shapes.Count)
        {
            var next = shapes.Values.Where(t => !placed.Contains(t.Name) && t.References.All(r => r == t.Name || placed.Contains(r))).ToList();
            if (next.Count == 0)
            {
                throw new StorageException("The database's tables reference each other in a circle, so they cannot be copied one after another.");
            }

            foreach (var table in next)
            {
                ordered.Add(table);
                placed.Add(table.Name);
            }
        }

        return ordered;
    }

    /// <summary>The tables of <paramref name="tables"/> the target already has, with their rows ("connections: 2 rows"); an empty version table alone is no data.</summary>
    private static async Task<List<string>> ExistingDataAsync(NpgsqlConnection connection, DbTransaction transaction, IReadOnlyList<TableShape> tables, CancellationToken cancellationToken)
    {
        var present = new List<string>();
        await using (var command = DbValues.Command(
            connection,
            transaction,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY(@names) ORDER BY table_name",
            ("@names", tables.Select(t => t.Name).ToArray())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                present.Add(reader.GetString(0));
            }
        }

        var found = new List<string>();
        foreach (var name in present)
        {
            var rows = await CountAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
            if (rows > 0 || name != VersionTable)
            {
                found.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {rows} rows"));
            }
        }

        return found;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The table name is checked to be a plain identifier and quoted.")]
    private static async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var count = DbValues.Command(connection, transaction, $"SELECT COUNT(*) FROM \"{Identifier(table)}\"");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The target's columns of <paramref name="table"/>, in the source's order; a column one has and the other not is refused.</summary>
    private static async Task<IReadOnlyList<TargetColumn>> TargetColumnsAsync(NpgsqlConnection connection, DbTransaction? transaction, TableShape table, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, TargetColumn>(StringComparer.Ordinal);
        await using (var command = DbValues.Command(
            connection,
            transaction,
            "SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
            ("@table", table.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                found.Add(name, new TargetColumn(name, TypeOf(table.Name, name, reader.GetString(1)), reader.GetString(2) == "YES"));
            }
        }

        if (found.Count != table.Columns.Count || table.Columns.Any(c => !found.ContainsKey(c)))
        {
            throw new StorageException(string.Create(CultureInfo.InvariantCulture, $"The table {table.Name} has other columns in PostgreSQL ({string.Join(", ", found.Keys.Order(StringComparer.Ordinal))}) than in the SQLite file ({string.Join(", ", table.Columns)}) after the same migrations."));
        }

        return [.. table.Columns.Select(c => found[c])];
    }

    /// <summary>The PostgreSQL types the migrations write; another one is a new kind of column this move must learn first.</summary>
    private static NpgsqlDbType TypeOf(string table, string column, string dataType) => dataType switch
    {
        "bytea" => NpgsqlDbType.Bytea,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        _ => throw new StorageException(string.Create(CultureInfo.InvariantCulture, $"The column {table}.{column} is of the PostgreSQL type {dataType}, which this version does not know how to move.")),
    };

    /// <summary>Copies one table's rows, ordered by its primary key, in batched INSERTs with parameters; returns how many.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names are checked to be plain identifiers and quoted; values travel only as parameters.")]
    private static async Task<long> CopyAsync(DbConnection reading, DbTransaction held, NpgsqlConnection writing, DbTransaction transaction, TableShape table, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken)
    {
        var perBatch = Math.Max(1, Math.Min(BatchRows, 30_000 / columns.Count));
        var columnList = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var batch = new List<object?[]>(perBatch);
        long rows = 0;
        await using var select = DbValues.Command(reading, held, $"SELECT {columnList} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(Quote))}");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = ToTarget(table.Name, columns[i], reader.GetValue(i));
            }

            batch.Add(values);
            if (batch.Count == perBatch)
            {
                await InsertAsync(writing, transaction, table.Name, columnList, columns, batch, cancellationToken).ConfigureAwait(false);
                rows += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await InsertAsync(writing, transaction, table.Name, columnList, columns, batch, cancellationToken).ConfigureAwait(false);
            rows += batch.Count;
        }

        return rows;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names are checked to be plain identifiers and quoted; values travel only as parameters.")]
    private static async Task InsertAsync(NpgsqlConnection connection, DbTransaction transaction, string table, string columnList, IReadOnlyList<TargetColumn> columns, List<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand { Connection = connection, Transaction = (NpgsqlTransaction)transaction };
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table)).Append(" (").Append(columnList).Append(") VALUES ");
        for (var row = 0; row < rows.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Count; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{row}_{column}");
                sql.Append(column == 0 ? "@" : ", @").Append(name);
                insert.Parameters.Add(new NpgsqlParameter(name, columns[column].Type) { Value = rows[row][column] ?? DBNull.Value });
            }

            sql.Append(')');
        }

        insert.CommandText = sql.ToString();
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A SQLite value as the target column keeps it: bytes stay bytes (anything else in a binary column is damage),
    /// whole numbers in integer columns, text in text columns. Null stays null.
    /// </summary>
    private static object? ToTarget(string table, TargetColumn column, object value) => value switch
    {
        DBNull => null,
        byte[] bytes when column.Type == NpgsqlDbType.Bytea => bytes,
        long number when column.Type == NpgsqlDbType.Bigint => number,
        long number when column.Type == NpgsqlDbType.Integer => checked((int)number),
        long number when column.Type == NpgsqlDbType.Smallint => checked((short)number),
        string text when column.Type is NpgsqlDbType.Text or NpgsqlDbType.Varchar => text,
        long or double when column.Type is NpgsqlDbType.Text or NpgsqlDbType.Varchar => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => throw new StorageException(string.Create(CultureInfo.InvariantCulture, $"The database is damaged: its column {table}.{column.Name} holds a value of another kind than the column's ({column.Type}).")),
    };

    /// <summary>Moves an identity column's sequence past the copied ids, so the next row PostgreSQL numbers does not collide.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names are checked to be plain identifiers and quoted.")]
    private static async Task AdvanceSequenceAsync(NpgsqlConnection connection, DbTransaction transaction, string table, string column, CancellationToken cancellationToken)
    {
        await using var advance = DbValues.Command(
            connection,
            transaction,
            $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 0) + 1, false)",
            ("@table", table),
            ("@column", column));
        await advance.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the table from both databases in primary-key order (text compared byte by byte in both, as SQLite does)
    /// and compares every column of every row; the first difference, said without any stored value, or null. The
    /// version table is compared by version and name: its times are when each database was migrated.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names are checked to be plain identifiers and quoted.")]
    private static async Task<string?> CompareAsync(DbConnection reading, DbTransaction held, KeyfolioDatabase target, TableShape table, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        var compared = table.Name == VersionTable ? ["version", "name"] : table.Columns;
        var columns = await TargetColumnsAsync(connection, null, table, cancellationToken).ConfigureAwait(false);
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var list = string.Join(", ", compared.Select(Quote));
        var order = string.Join(", ", table.Key.Select(Quote));
        var targetOrder = string.Join(", ", table.Key.Select(k => byName[k].Type is NpgsqlDbType.Text or NpgsqlDbType.Varchar ? Quote(k) + " COLLATE \"C\"" : Quote(k)));
        await using var fromSource = DbValues.Command(reading, held, $"SELECT {list} FROM {Quote(table.Name)} ORDER BY {order}");
        await using var fromTarget = DbValues.Command(connection, null, $"SELECT {list} FROM {Quote(table.Name)} ORDER BY {targetOrder}");
        await using var sourceRows = await fromSource.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var targetRows = await fromTarget.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long row = 0;
        while (true)
        {
            var more = await sourceRows.ReadAsync(cancellationToken).ConfigureAwait(false);
            var moreThere = await targetRows.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!more || !moreThere)
            {
                return more == moreThere
                    ? null
                    : string.Create(CultureInfo.InvariantCulture, $"the table {table.Name} has {(more ? "fewer" : "more")} rows there than in the SQLite file (they differ from row {row + 1})");
            }

            row++;
            for (var i = 0; i < compared.Count; i++)
            {
                var expected = ToTarget(table.Name, byName[compared[i]], sourceRows.GetValue(i));
                var actual = targetRows.GetValue(i) is var read and not DBNull ? read : null;
                var same = (expected, actual) switch
                {
                    (null, null) => true,
                    (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
                    ({ } a, { } b) => a.Equals(b),
                    _ => false,
                };
                if (!same)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"row {row} of the table {table.Name} (in primary-key order) differs in the column {compared[i]}");
                }
            }
        }
    }

    /// <summary>The server's own words (which never hold the client's password), or the kind of failure.</summary>
    private static string Detail(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
        TimeoutException => "no answer in time",
        _ when exception.InnerException is System.Net.Sockets.SocketException socket => socket.SocketErrorCode.ToString(),
        _ => "the connection failed",
    };

    /// <summary>A name from the SQLite schema, checked to be a plain identifier before it is put into SQL.</summary>
    private static string Identifier(string name) => PlainIdentifier().IsMatch(name)
        ? name
        : throw new StorageException("The database has a table or column whose name is not one Keyfolio writes; it was not made by Keyfolio or was changed by hand.");

    private static string Quote(string name) => "\"" + Identifier(name) + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();

    /// <summary>A table of the schema: its columns, its primary key (all its columns when it has none) and the tables it references.</summary>
    internal sealed record TableShape(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Key, IReadOnlyList<string> References);

    private sealed record TargetColumn(string Name, NpgsqlDbType Type, bool Identity);
}

/// <summary>One table copied: <paramref name="Table"/>, the <paramref name="Rows"/> copied, and where it is among the <paramref name="TableCount"/> tables.</summary>
public sealed record StoreTransferProgress(string Table, long Rows, int TableNumber, int TableCount);

/// <summary>A table moved, and how many rows it holds in both databases.</summary>
public sealed record TableTransfer(string Table, long Rows);

/// <summary>
/// A finished move: where to (named without its password), at which schema version, each table copied with its rows,
/// and the audit entries that verified on the target before the move itself was recorded there.
/// </summary>
public sealed record StoreTransferSummary(string Target, int SchemaVersion, IReadOnlyList<TableTransfer> Tables, long AuditEntries);
