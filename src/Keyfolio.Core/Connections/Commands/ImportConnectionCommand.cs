using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>
/// Stores a connection read from an export file under a fresh id, with its label made unique, its key and the audit
/// entry in one transaction; skipped when its key is already used by another connection, so nothing stored is
/// overwritten. Announces each connection it stores.
/// </summary>
internal sealed class ImportConnectionCommand(KeyfolioDatabase database, ConnectionWrites writes, ConnectionChangeFeed changes)
{
    private readonly ConnectionRepository _connections = new(database);

    /// <summary>The label the connection was stored under, or null when it was skipped.</summary>
    public async Task<CoreResult<string?>> ImportAsync(Connection imported, KeyCredentials credentials, SubAccountList subAccounts, CancellationToken cancellationToken)
    {
        if (ConnectionInputChecks.Endpoint(imported.Descriptor, imported.Region, imported.Environment, imported.CustomBaseUrl) is { } invalid)
        {
            return invalid;
        }

        var fingerprinted = await writes.FingerprintAsync(credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        if (!fingerprinted.IsSuccess)
        {
            return fingerprinted.Error;
        }

        var fingerprint = fingerprinted.Value;
        var existing = await _connections.ListAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Any(c => c.KeyFingerprint == fingerprint))
        {
            return CoreResult<string?>.Success(null);
        }

        var label = ConnectionLabel.Normalize(imported.Label);
        for (var n = 2; existing.Any(c => ConnectionRepository.LabelKey(c.Label) == ConnectionRepository.LabelKey(label)); n++)
        {
            label = string.Create(CultureInfo.InvariantCulture, $"{ConnectionLabel.Normalize(imported.Label)} ({n})");
        }

        var row = imported with
        {
            Id = ConnectionIds.New(),
            Label = label,
            KeyFingerprint = fingerprint,
            ApiKeyLastFour = credentials.LastFour,
            LastCheckedAt = null,
            LastCheckDiagnosis = null,
            LastSyncAt = null,
            LastSyncDiagnosis = null,
            LastManualRefreshAt = null,
        };
        var error = await writes.CommitCredentialAsync(
            AuditAction.CredentialAdded,
            row,
            credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelInUseAsync(connection, transaction, label, null, cancellationToken).ConfigureAwait(false))
                {
                    return Errors.DuplicateLabel(label);
                }

                if (!await DatabaseVaultStore.AddCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false))
                {
                    return ConnectionWrites.Conflict();
                }

                await ConnectionRepository.InsertAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                await SubAccountRepository.RestoreAsync(connection, transaction, row.Id, subAccounts, cancellationToken).ConfigureAwait(false);
                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        changes.Raise(row.Id, ConnectionUpdateKind.Imported);
        return CoreResult<string?>.Success(label);
    }
}
