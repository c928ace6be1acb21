using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>Sets how often the scheduler refreshes a connection (null restores the default) and announces it.</summary>
public sealed class SetSyncIntervalCommand
{
    private readonly ConnectionRepository _connections;
    private readonly ConnectionService _queries;
    private readonly ConnectionChangeFeed _changes;

    internal SetSyncIntervalCommand(KeyfolioDatabase database, ConnectionService queries, ConnectionChangeFeed changes)
    {
        _connections = new ConnectionRepository(database);
        _queries = queries;
        _changes = changes;
    }

    public async Task<CoreResult<ConnectionView>> SetAsync(string connectionId, TimeSpan? interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        if (interval is { } value && (value < TimeSpan.FromMinutes(1) || value > TimeSpan.FromDays(1)))
        {
            return Errors.BadInput(
                "interval",
                Texts.Of("TheRefreshIntervalMustBe"),
                Texts.Of("ChooseForExample5Minutes"));
        }

        var current = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionIdNotFound();
        }

        await _connections.UpdateAsync(current with { SyncInterval = interval }, cancellationToken).ConfigureAwait(false);
        _changes.Raise(current.Id, ConnectionUpdateKind.SyncIntervalSet);
        return (await _queries.AfterChangeAsync(current.Id, cancellationToken).ConfigureAwait(false))!;
    }
}
