using Keyfolio.Core.Access;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>
/// Replaces a connection's key: the new key is verified first; on success it is swapped in with its facts in one
/// transaction with the audit entry and the history stays; on any failure the old key is kept untouched. Announces the
/// replacement once committed.
/// </summary>
public sealed class ReplaceKeyCommand
{
    private readonly ConnectionRepository _connections;
    private readonly SnapshotRepository _snapshots;
    private readonly ConnectionService _queries;
    private readonly VaultAccess _vault;
    private readonly StoredKeys _keys;
    private readonly ConnectionWrites _writes;
    private readonly KeyVerifier _verifier;
    private readonly SnapshotBuilder _snapshotBuilder;
    private readonly ConnectionChangeFeed _changes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal ReplaceKeyCommand(
        KeyfolioDatabase database,
        ConnectionService queries,
        VaultAccess vault,
        StoredKeys keys,
        ConnectionWrites writes,
        KeyVerifier verifier,
        SnapshotBuilder snapshotBuilder,
        ConnectionChangeFeed changes,
        TimeProvider time,
        ILogger<ReplaceKeyCommand> logger)
    {
        _connections = new ConnectionRepository(database);
        _snapshots = new SnapshotRepository(database);
        _queries = queries;
        _vault = vault;
        _keys = keys;
        _writes = writes;
        _verifier = verifier;
        _snapshotBuilder = snapshotBuilder;
        _changes = changes;
        _time = time;
        _logger = logger;
    }

    public async Task<CoreResult<KeyReplacement>> ReplaceAsync(ReplaceKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = await _connections.FindByIdAsync(request.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionIdNotFound();
        }

        if (ConnectionInputChecks.Format(current.Descriptor, request.Credentials) is { } invalid)
        {
            return invalid;
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        if (await _keys.ConfirmEndpointAsync(current, cancellationToken).ConfigureAwait(false) is { } unconfirmed)
        {
            return unconfirmed;
        }

        var fingerprinted = await _writes.FingerprintAsync(request.Credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        if (!fingerprinted.IsSuccess)
        {
            return fingerprinted.Error;
        }

        var fingerprint = fingerprinted.Value;
        if (await _connections.LabelUsingKeyAsync(fingerprint, current.Id, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Errors.DuplicateKey(other);
        }

        var candidate = current with { KeyFingerprint = fingerprint, ApiKeyLastFour = request.Credentials.LastFour };
        var verified = await _verifier.VerifyAsync(candidate, request.Credentials, decrypted: false, null, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        if (diagnosis is not null)
        {
            ConnectionLog.NotSaved(_logger, current.Exchange, "a replacement for connection " + current.Id, diagnosis.Category, ConnectionLog.CodeOf(diagnosis));
            return Errors.NotSaved(diagnosis, replacing: true);
        }

        var facts = verification!.Facts;
        if (WithdrawalPolicy.Check(current.Exchange, current.Label, facts, request.AllowWithdrawal, request.WithdrawalConfirmation) is { } refused)
        {
            ConnectionLog.WithdrawKeyRefused(_logger, current.Exchange, "a replacement for connection " + current.Id);
            return refused;
        }

        var now = _time.GetUtcNow();
        var replaced = candidate with
        {
            Facts = facts,
            WithdrawalAllowed = facts?.CanWithdraw == true,
            KeyReplacedAt = now,
            LastCheckedAt = now,
            LastCheckDiagnosis = null,
            LastSuccessAt = now,
        };
        var previous = await _snapshots.LatestOfAsync(current.Id, cancellationToken).ConfigureAwait(false);
        var snapshot = await _snapshotBuilder.BuildAsync(current.Id, current.Endpoint, verification.Balances, previous, cancellationToken).ConfigureAwait(false);
        var saved = await _writes.CommitCredentialAsync(
            AuditAction.CredentialReplaced,
            replaced,
            request.Credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelUsingKeyAsync(connection, transaction, fingerprint, current.Id, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    return Errors.DuplicateKey(taken);
                }

                if (!await DatabaseVaultStore.ReplaceCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false)
                    || !await ConnectionRepository.UpdateAsync(connection, transaction, replaced, cancellationToken).ConfigureAwait(false))
                {
                    return ConnectionWrites.Conflict();
                }

                await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved;
        }

        ConnectionLog.KeyReplaced(_logger, current.Id, current.Exchange, string.Equals(fingerprint, current.KeyFingerprint, StringComparison.Ordinal) ? "the same key" : "a new key");
        _changes.Raise(current.Id, ConnectionUpdateKind.KeyReplaced);
        var view = (await _queries.AfterChangeAsync(current.Id, cancellationToken).ConfigureAwait(false))!;
        return new KeyReplacement(view, SameKey: string.Equals(fingerprint, current.KeyFingerprint, StringComparison.Ordinal));
    }
}
