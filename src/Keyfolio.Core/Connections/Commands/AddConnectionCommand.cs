using Keyfolio.Core.Access;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Keyfolio.Vault.Audit;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>
/// Adds a connection: the local format check, one verifying call, the key's facts, the withdrawal policy, then the
/// encrypted key, the connection and its first snapshot stored in one transaction with the audit entry; any failure
/// leaves nothing stored. Announces the new connection once committed.
/// </summary>
public sealed class AddConnectionCommand
{
    private readonly ConnectionRepository _connections;
    private readonly ConnectionService _queries;
    private readonly VaultAccess _vault;
    private readonly ConnectionWrites _writes;
    private readonly KeyVerifier _verifier;
    private readonly SnapshotBuilder _snapshotBuilder;
    private readonly ConnectionChangeFeed _changes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal AddConnectionCommand(
        KeyfolioDatabase database,
        ConnectionService queries,
        VaultAccess vault,
        ConnectionWrites writes,
        KeyVerifier verifier,
        SnapshotBuilder snapshotBuilder,
        ConnectionChangeFeed changes,
        TimeProvider time,
        ILogger<AddConnectionCommand> logger)
    {
        _connections = new ConnectionRepository(database);
        _queries = queries;
        _vault = vault;
        _writes = writes;
        _verifier = verifier;
        _snapshotBuilder = snapshotBuilder;
        _changes = changes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Adds a connection; see the class summary for the steps. The vault must be unlocked.</summary>
    public async Task<CoreResult<ConnectionView>> AddAsync(AddConnectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var label = ConnectionLabel.Normalize(request.Label);
        var descriptor = ExchangeCatalog.Get(request.Exchange);
        if ((ConnectionLabel.Problem(label)
            ?? ConnectionInputChecks.Endpoint(descriptor, request.Region, request.Environment, request.CustomBaseUrl)
            ?? ConnectionInputChecks.Format(descriptor, request.Credentials)) is { } invalid)
        {
            return invalid;
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var fingerprinted = await _writes.FingerprintAsync(request.Credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        if (!fingerprinted.IsSuccess)
        {
            return fingerprinted.Error;
        }

        var fingerprint = fingerprinted.Value;
        if (await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Errors.DuplicateLabel(label);
        }

        if (await _connections.LabelUsingKeyAsync(fingerprint, null, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Errors.DuplicateKey(other);
        }

        var row = new Connection
        {
            Id = ConnectionIds.New(),
            Label = label,
            Exchange = request.Exchange,
            Region = request.Region,
            Environment = request.Environment,
            CustomBaseUrl = request.CustomBaseUrl,
            ApiKeyLastFour = request.Credentials.LastFour,
            KeyFingerprint = fingerprint,
            CreatedAt = _time.GetUtcNow(),
        };
        var verified = await _verifier.VerifyAsync(row, request.Credentials, decrypted: false, null, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        if (diagnosis is not null && !request.KeepWhenRefused)
        {
            ConnectionLog.NotSaved(_logger, request.Exchange, "a new connection", diagnosis.Category, ConnectionLog.CodeOf(diagnosis));
            return Errors.NotSaved(diagnosis, replacing: false);
        }

        var facts = verification?.Facts;
        if (WithdrawalPolicy.Check(request.Exchange, label, facts, request.AllowWithdrawal, request.WithdrawalConfirmation) is { } refused)
        {
            ConnectionLog.WithdrawKeyRefused(_logger, request.Exchange, "a new connection");
            return refused;
        }

        var now = _time.GetUtcNow();
        row = row with
        {
            Facts = facts,
            WithdrawalAllowed = facts?.CanWithdraw == true,
            LastCheckedAt = now,
            LastCheckDiagnosis = diagnosis,
            LastSuccessAt = diagnosis is null ? now : null,
        };
        var snapshot = verification is null ? null : await _snapshotBuilder.BuildAsync(row.Id, row.Endpoint, verification.Balances, previous: null, cancellationToken).ConfigureAwait(false);
        var saved = await _writes.CommitCredentialAsync(
            AuditAction.CredentialAdded,
            row,
            request.Credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelInUseAsync(connection, transaction, label, null, cancellationToken).ConfigureAwait(false))
                {
                    return Errors.DuplicateLabel(label);
                }

                if (await ConnectionRepository.LabelUsingKeyAsync(connection, transaction, fingerprint, null, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    return Errors.DuplicateKey(taken);
                }

                if (!await DatabaseVaultStore.AddCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false))
                {
                    return ConnectionWrites.Conflict();
                }

                await ConnectionRepository.InsertAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                if (snapshot is not null)
                {
                    await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }

                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved;
        }

        ConnectionLog.Added(_logger, row.Id, row.Exchange, diagnosis is not null
            ? "kept as asked though the exchange refused it as " + diagnosis.Category
            : row.WithdrawalAllowed ? "verified; it can withdraw, kept as confirmed" : "verified");
        _changes.Raise(row.Id, ConnectionUpdateKind.Added);
        return (await _queries.AfterChangeAsync(row.Id, cancellationToken).ConfigureAwait(false))!;
    }
}
