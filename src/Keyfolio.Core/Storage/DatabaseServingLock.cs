using System.Data.Common;
using System.Globalization;

namespace Keyfolio.Core.Storage;

/// <summary>
/// A running server's claim on a PostgreSQL database, the counterpart of <see cref="ServingLock"/> for a database that
/// other machines can reach: a session-level advisory lock held on one connection for as long as the server runs. The
/// server drops it when that connection ends, so a process that dies (kill -9, a lost machine) frees it. The holder
/// describes itself in the connection's <c>application_name</c>, which a refused server reads back.
/// </summary>
public sealed class DatabaseServingLock : IAsyncDisposable
{
    /// <summary>"KeyfSrve" in ASCII; advisory locks are per database, so one key serves every Keyfolio database.</summary>
    internal const long Key = 0x4B65796653727665;

    private readonly DbConnection? _connection;

    private DatabaseServingLock(DbConnection? connection) => _connection = connection;

    /// <summary>
    /// Takes the lock for <paramref name="holder"/>, or returns null with a description of the process that holds it.
    /// On the embedded SQLite file there is nothing to take here (<see cref="ServingLock"/> covers the data directory):
    /// the lock returned holds nothing. Throws <see cref="StoreUnavailableException"/> when the server cannot be used.
    /// </summary>
    public static async Task<(DatabaseServingLock? Lock, string? HeldBy)> TryTakeAsync(KeyfolioDatabase database, string holder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(holder);
        if (database.IsEmbedded)
        {
            return (new DatabaseServingLock(null), null);
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var description = string.Create(CultureInfo.InvariantCulture, $"{holder} on {Environment.MachineName} (process {Environment.ProcessId})");
            await using (var name = DbValues.Command(connection, null, "SELECT set_config('application_name', @name, false)", ("@name", description.Length <= 60 ? description : description[..60])))
            {
                await name.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var take = DbValues.Command(connection, null, "SELECT pg_try_advisory_lock(@key)", ("@key", Key));
            if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return (new DatabaseServingLock(connection), null);
            }

            var heldBy = await HolderAsync(connection, cancellationToken).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            return (null, heldBy);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The holder's own description, from the server's view of its sessions.</summary>
    private static async Task<string> HolderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var holder = DbValues.Command(
            connection,
            null,
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = @high AND l.objid::bigint = @low AND l.objsubid = 1 " +
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1",
            ("@high", Key >> 32),
            ("@low", Key & 0xFFFFFFFFL));
        var text = await holder.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return string.IsNullOrWhiteSpace(text) ? "another Keyfolio server" : text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
