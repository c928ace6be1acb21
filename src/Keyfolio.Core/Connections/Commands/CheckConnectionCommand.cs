using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>Verifies a connection's stored key again now, refreshing its facts (and the holdings when it answers), and
/// announces the result once it is written.</summary>
public sealed class CheckConnectionCommand
{
    private readonly KeyfolioDatabase _database;
    private readonly ConnectionRepository _connections;
    private readonly SnapshotRepository _snapshots;
    private readonly ConnectionService _queries;
    private readonly StoredKeys _keys;
    private readonly KeyVerifier _verifier;
    private readonly SnapshotBuilder _snapshotBuilder;
    private readonly ConnectionChangeFeed _changes;
    private readonly TimeProvider _time;

    internal CheckConnectionCommand(
        KeyfolioDatabase database,
        ConnectionService queries,
        StoredKeys keys,
        KeyVerifier verifier,
        SnapshotBuilder snapshotBuilder,
        ConnectionChangeFeed changes,
        TimeProvider time)
    {
        _database = database;
        _connections = new ConnectionRepository(database);
        _snapshots = new SnapshotRepository(database);
        _queries = queries;
        _keys = keys;
        _verifier = verifier;
        _snapshotBuilder = snapshotBuilder;
        _changes = changes;
        _time = time;
    }

    public async Task<CoreResult<ConnectionView>> CheckAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var current = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionIdNotFound();
        }

        var opened = await _keys.OpenAsync(current, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using var credentials = opened.Value;
        var verified = await _verifier.VerifyAsync(current, credentials, decrypted: true, current.Facts, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        var now = _time.GetUtcNow();
        var updated = current with
        {
            Facts = verification?.Facts ?? current.Facts,
            LastCheckedAt = now,
            LastCheckDiagnosis = diagnosis,
            LastSuccessAt = diagnosis is null ? now : current.LastSuccessAt,
        };
        var snapshot = verification is null
            ? null
            : await _snapshotBuilder.BuildAsync(current.Id, current.Endpoint, verification.Balances, await _snapshots.LatestOfAsync(current.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await _database.WriteAsync(
            async (connection, transaction) =>
            {
                if (await ConnectionRepository.UpdateAsync(connection, transaction, updated, cancellationToken).ConfigureAwait(false) && snapshot is not null)
                {
                    await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
        _changes.Raise(current.Id, ConnectionUpdateKind.Checked);
        return (await _queries.AfterChangeAsync(current.Id, cancellationToken).ConfigureAwait(false))!;
    }
}
