using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>
/// Deletes a connection's credentials with the audit entry, in one transaction; keeps its history unless asked to delete
/// it too. The answer reminds the person to delete the key on the exchange as well. Announces the removal once committed.
/// </summary>
public sealed class RemoveConnectionCommand
{
    private readonly ConnectionRepository _connections;
    private readonly VaultAccess _vault;
    private readonly ConnectionWrites _writes;
    private readonly ConnectionChangeFeed _changes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal RemoveConnectionCommand(KeyfolioDatabase database, VaultAccess vault, ConnectionWrites writes, ConnectionChangeFeed changes, TimeProvider time, ILogger<RemoveConnectionCommand> logger)
    {
        _connections = new ConnectionRepository(database);
        _vault = vault;
        _writes = writes;
        _changes = changes;
        _time = time;
        _logger = logger;
    }

    public async Task<CoreResult<RemovedConnection>> RemoveAsync(string connectionId, bool deleteHistory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var current = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionIdNotFound();
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var auditEvent = new AuditEvent(AuditActor.Current, AuditAction.CredentialRemoved)
        {
            ConnectionId = current.Id,
            KeyFingerprint = current.KeyFingerprint,
            Outcome = deleteHistory ? "history deleted" : "history kept",
        };
        var error = await _writes.CommitAuditedAsync(
            auditEvent,
            async (connection, transaction) =>
            {
                await DatabaseVaultStore.RemoveCredentialAsync(connection, transaction, current.Id, cancellationToken).ConfigureAwait(false);
                if (deleteHistory)
                {
                    await ConnectionRepository.DeleteAsync(connection, transaction, current.Id, cancellationToken).ConfigureAwait(false);
                }
                else if (!await ConnectionRepository.MarkRemovedAsync(connection, transaction, current.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    return ConnectionWrites.Conflict();
                }

                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        ConnectionLog.Removed(_logger, current.Id, current.Exchange, deleteHistory ? "deleted" : "kept");
        _changes.Raise(current.Id, ConnectionUpdateKind.Removed);
        var page = current.Descriptor.ApiManagementPage;
        return new RemovedConnection(
            current.Label,
            current.Exchange,
            page,
            deleteHistory,
            Texts.Of("KeyfolioNoLongerHoldsThis", current.Descriptor.DisplayName, page, current.ApiKeyLastFour));
    }
}
