using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Audit;

/// <summary>
/// The application's audit log: opened once from the data directory (<c>audit.key</c>, <c>audit.head</c>) over the
/// database's entries, verified in full on request, and the place every core service writes its entries through.
/// </summary>
public sealed class AuditTrail(KeyfolioDatabase database, TimeProvider time) : IDisposable
{
    private readonly DatabaseAuditStore _store = new(database);
    private readonly SemaphoreSlim _opening = new(1, 1);
    private AuditLog? _log;

    /// <summary>Set when the chain was found broken on opening or by a full verification; every audited action (every call
    /// with a key among them) is refused until it is resealed.</summary>
    public AuditVerification? BlockedBy => _log?.BlockedBy;

    /// <summary>
    /// Whether audited actions can be recorded: false when the chain was found broken, and when the log cannot be opened
    /// at all — its key file (<c>audit.key</c>) missing, damaged or unreadable — since every audited action, unlocking
    /// among them, is refused then.
    /// </summary>
    public async Task<bool> IsIntactAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await GetLogAsync(cancellationToken).ConfigureAwait(false)).BlockedBy is null;
        }
        catch (Exception exception) when (exception is AuditLogException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Opens the log on first use. Throws <see cref="AuditLogException"/> when its key file is missing.</summary>
    public async Task<AuditLog> GetLogAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _log) is { } opened)
        {
            return opened;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _log ??= await AuditLog.OpenAsync(database.DataDirectory, _store, time, cancellationToken).ConfigureAwait(false);
            return _log;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Joins this data directory to the log other nodes write in the same database, with a copy of one node's key file
    /// (<see cref="AuditLog.JoinAsync"/>); the log it opens is then this trail's. Throws <see cref="AuditJoinException"/>
    /// when refused, and <see cref="InvalidOperationException"/> when the log was opened already.
    /// </summary>
    public async Task<AuditJoin> JoinAsync(ReadOnlyMemory<byte> keyFile, CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_log is not null)
            {
                throw new InvalidOperationException("The audit log is open already; a node joins before it opens its log.");
            }

            var joined = await AuditLog.JoinAsync(database.DataDirectory, _store, keyFile, time, cancellationToken).ConfigureAwait(false);
            _log = joined.Log;
            return joined;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var log = await GetLogAsync(cancellationToken).ConfigureAwait(false);
        return await log.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a change and the entry recording it in one database transaction (see <see cref="AuditLog.AppendWithAsync"/>):
    /// <paramref name="change"/> runs inside it and returns null to commit or an error to roll back; the error, or null
    /// when the change and its entry were committed together, is returned.
    /// </summary>
    public async Task<TError?> AppendWithAsync<TError>(
        AuditEvent auditEvent,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<TError?>> change,
        CancellationToken cancellationToken)
        where TError : class
    {
        var log = await GetLogAsync(cancellationToken).ConfigureAwait(false);
        TError? error = null;
        await log.AppendWithAsync(
            auditEvent,
            async record =>
            {
                await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
                error = await change(connection, transaction).ConfigureAwait(false);
                if (error is not null || !await DatabaseAuditStore.AppendAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false))
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return error;
    }

    /// <summary>Walks the whole chain.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var log = await GetLogAsync(cancellationToken).ConfigureAwait(false);
        return await log.VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> FingerprintAsync(string apiKey, CancellationToken cancellationToken)
    {
        var log = await GetLogAsync(cancellationToken).ConfigureAwait(false);
        return log.Fingerprint(apiKey.AsSpan());
    }

    public Task<IReadOnlyList<AuditRecord>> ReadNewestAsync(int limit, string? connectionId, CancellationToken cancellationToken) =>
        _store.ReadNewestAsync(limit, connectionId, cancellationToken);

    /// <summary>One page of the log, newest first, filtered as <paramref name="query"/> says.</summary>
    public Task<IReadOnlyList<AuditRecord>> ReadPageAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.ReadPageAsync(query.ConnectionId, query.Action, query.BeforeSequence, Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit), cancellationToken);
    }

    public void Dispose()
    {
        _log?.Dispose();
        _opening.Dispose();
    }
}
