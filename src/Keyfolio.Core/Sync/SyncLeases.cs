using System.Data.Common;
using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Sync;

/// <summary>
/// Who refreshes a connection, shared through the database so that several servers on one database never refresh the
/// same connection at once. A server claims a connection's lease before refreshing it, renews it while the refresh
/// runs, and gives it up when the refresh is written; a lease another server holds is skipped, not waited for. A
/// server that dies keeps its leases only until they expire, and then any server may claim them. The refresh's own
/// write checks, in its transaction, that the lease is still this server's: a server that stalled past its lease
/// writes nothing over the work of the server that took it over. Expiry is judged by each server's clock, so the
/// servers' clocks must agree to well within <see cref="Period"/>.
/// </summary>
internal sealed class SyncLeases
{
    /// <summary>When to look again at a lease another server was claiming at the same moment.</summary>
    private static readonly TimeSpan LookAgainAfterClash = TimeSpan.FromSeconds(1);

    private readonly KeyfolioDatabase _database;
    private readonly TimeProvider _time;

    public SyncLeases(KeyfolioDatabase database, TimeProvider time, TimeSpan period)
    {
        _database = database;
        _time = time;
        Period = period;
        Holder = ClaimHolder.NewName();
    }

    /// <summary>How long a lease lasts unless renewed.</summary>
    public TimeSpan Period { get; }

    /// <summary>This server's name in the leases it holds: machine, process and a random part new each start.</summary>
    public string Holder { get; }

    /// <summary>
    /// Claims the lease on a connection for <see cref="Period"/>: claimed when it was free, expired or already this
    /// server's; otherwise with the time another server's lease ends (a second from now when another server is claiming
    /// it this very moment, or the connection is gone).
    /// </summary>
    public Task<LeaseClaim> TryClaimAsync(string connectionId, CancellationToken cancellationToken) =>
        _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using (var create = DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO sync_leases (connection_id, holder, expires_at) SELECT @id, '', 0 WHERE EXISTS (SELECT 1 FROM connections WHERE id = @id) ON CONFLICT (connection_id) DO NOTHING",
                    ("@id", connectionId)))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var now = DbValues.ToMicroseconds(_time.GetUtcNow());
                string? holder = null;
                long expiresAt = 0;
                await using (var read = DbValues.Command(connection, transaction, "SELECT holder, expires_at FROM sync_leases WHERE connection_id = @id" + _database.LockRowsSkippingHeld, ("@id", connectionId)))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        holder = reader.GetString(0);
                        expiresAt = reader.GetInt64(1);
                    }
                }

                // No row: the connection is gone, or another server is claiming it this very moment — and will hold it
                // for as long as its refresh takes, which a look a second later reads from the row.
                var until = now + (Period.Ticks / TimeSpan.TicksPerMicrosecond);
                if (holder is null)
                {
                    return new LeaseClaim(false, DbValues.FromMicroseconds(now) + LookAgainAfterClash);
                }

                if (holder != Holder && expiresAt > now)
                {
                    return new LeaseClaim(false, DbValues.FromMicroseconds(expiresAt));
                }

                await using var take = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE sync_leases SET holder = @holder, expires_at = @until WHERE connection_id = @id",
                    ("@holder", Holder),
                    ("@until", until),
                    ("@id", connectionId));
                await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return new LeaseClaim(true, DbValues.FromMicroseconds(until));
            },
            cancellationToken);

    /// <summary>Extends this server's lease by <see cref="Period"/> from now; false when it is no longer this server's.</summary>
    public async Task<bool> RenewAsync(string connectionId, CancellationToken cancellationToken)
    {
        var now = DbValues.ToMicroseconds(_time.GetUtcNow());
        return await _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using var renew = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE sync_leases SET expires_at = @until WHERE connection_id = @id AND holder = @holder AND expires_at > @now",
                    ("@until", now + (Period.Ticks / TimeSpan.TicksPerMicrosecond)),
                    ("@id", connectionId),
                    ("@holder", Holder),
                    ("@now", now));
                return await renew.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the lease up, so any server may claim it at once (its next refresh is due an interval later anyway).</summary>
    public Task ReleaseAsync(string connectionId, CancellationToken cancellationToken) =>
        _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using var release = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE sync_leases SET holder = '', expires_at = 0 WHERE connection_id = @id AND holder = @holder",
                    ("@id", connectionId),
                    ("@holder", Holder));
                return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// Whether this server still holds the lease, read inside a write transaction and locking the lease's row until it
    /// ends, so no other server can claim it between this check and the write it guards.
    /// </summary>
    public async Task<bool> StillHeldAsync(DbConnection connection, DbTransaction transaction, string connectionId, CancellationToken cancellationToken)
    {
        await using var read = DbValues.Command(connection, transaction, "SELECT holder, expires_at FROM sync_leases WHERE connection_id = @id" + _database.LockRows, ("@id", connectionId));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            && reader.GetString(0) == Holder
            && reader.GetInt64(1) > DbValues.ToMicroseconds(_time.GetUtcNow());
    }
}

/// <summary>A claim's answer: whether the lease is now this server's, and until when it is held (by whichever server).</summary>
internal readonly record struct LeaseClaim(bool Claimed, DateTimeOffset HeldUntil);
