using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Sync;

/// <summary>
/// The servers on one database that send their exchange calls from one shared egress address
/// (<see cref="KeyfolioCoreOptions.SharedEgressAddress"/>), counted through the database so that each takes an even share
/// of the address's per-IP rate limits (<see cref="ExchangeConnectors.EgressAddressShare"/>). Each such server records
/// itself with a heartbeat, every third of <see cref="KeyfolioCoreOptions.SyncLeasePeriod"/>, and counts the servers
/// naming the same address that were seen within one period: a server that dies drops out a period after its last
/// heartbeat, one that stops cleanly at once. A server without the setting is not recorded and keeps the whole budget.
/// Like the sync's leases, this relies on the servers' clocks agreeing to well within the period.
/// </summary>
public sealed class EgressAddressNodes
{
    private readonly KeyfolioDatabase _database;
    private readonly ExchangeConnectors _connectors;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;

    internal EgressAddressNodes(KeyfolioDatabase database, ExchangeConnectors connectors, KeyfolioCoreOptions options, TimeProvider time)
    {
        _database = database;
        _connectors = connectors;
        _time = time;
        _period = options.SyncLeasePeriod;
        SharedAddress = options.SharedEgressAddress;
        Holder = ClaimHolder.NewName();
    }

    /// <summary>The shared address this server names, or null when its address is its own.</summary>
    public string? SharedAddress { get; }

    /// <summary>How often <see cref="HeartbeatAsync"/> should run: a third of the lease period.</summary>
    public TimeSpan HeartbeatInterval => _period / 3;

    /// <summary>This server's name in the table: machine, process and a random part new each start.</summary>
    internal string Holder { get; }

    /// <summary>
    /// Records this server as live now, counts the live servers naming its shared address (itself included) and makes
    /// that count the connectors' share of the address; returns it. Without a shared address, the share is 1 and the
    /// database is not touched.
    /// </summary>
    public async Task<int> HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (SharedAddress is null)
        {
            _connectors.EgressAddressShare = 1;
            return 1;
        }

        var now = DbValues.ToMicroseconds(_time.GetUtcNow());
        var liveSince = now - (_period.Ticks / TimeSpan.TicksPerMicrosecond);
        var share = await _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using (var beat = DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO egress_nodes (holder, shared_address, last_seen_at) VALUES (@holder, @address, @now) ON CONFLICT (holder) DO UPDATE SET shared_address = excluded.shared_address, last_seen_at = excluded.last_seen_at",
                    ("@holder", Holder),
                    ("@address", SharedAddress),
                    ("@now", now)))
                {
                    await beat.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var count = DbValues.Command(
                    connection,
                    transaction,
                    "SELECT COUNT(*) FROM egress_nodes WHERE shared_address = @address AND last_seen_at > @since",
                    ("@address", SharedAddress),
                    ("@since", liveSince));
                return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);

        // The dead servers' rows go, in a transaction of their own: it holds no other row while it waits for one.
        await _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using var prune = DbValues.Command(connection, transaction, "DELETE FROM egress_nodes WHERE last_seen_at <= @since", ("@since", liveSince));
                return await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        share = Math.Max(1, share);
        _connectors.EgressAddressShare = share;
        return share;
    }

    /// <summary>Removes this server's row as it stops, so the others take its part of the address's limits at once.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (SharedAddress is null)
        {
            return;
        }

        await _database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using var leave = DbValues.Command(connection, transaction, "DELETE FROM egress_nodes WHERE holder = @holder", ("@holder", Holder));
                return await leave.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
