using System.Data.Common;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Core.Connections;

/// <summary>The audited writes a connection's commands share: a key's fingerprint, an encrypted key stored with its
/// audit entry, a change and its audit entry in one transaction.</summary>
internal sealed class ConnectionWrites(KeyfolioDatabase database, VaultAccess vault, AuditTrail audit)
{
    /// <summary>The key's fingerprint for the audit log and the duplicate check, or why it cannot be made.</summary>
    public async Task<CoreResult<string>> FingerprintAsync(string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            return await audit.FingerprintAsync(apiKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }
    }

    /// <summary>
    /// Encrypts the credentials for the connection, writes the audit entry, then runs <paramref name="write"/> in one
    /// transaction that commits only when it reports no error and no rotation replaced the data key meanwhile.
    /// </summary>
    public async Task<CoreError?> CommitCredentialAsync(
        AuditAction action,
        Connection row,
        KeyCredentials credentials,
        Func<DbConnection, DbTransaction, StoredCredential, Task<CoreError?>> write,
        CancellationToken cancellationToken)
    {
        var unlocked = await vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var revision = (await new DatabaseVaultStore(database).ReadHeaderAsync(cancellationToken).ConfigureAwait(false))?.Revision;
        var payload = credentials.ToPayload(row.Endpoint);
        StoredCredential stored;
        try
        {
            stored = unlocked.Value.Encrypt(new CredentialAddress(row.Id, row.Exchange.ToName()), payload);
        }
        catch (VaultException exception)
        {
            return Errors.FromVault(exception);
        }
        finally
        {
            KeyCredentials.Zero(payload);
        }

        return await CommitAuditedAsync(
            new AuditEvent(AuditActor.Current, action) { ConnectionId = row.Id, KeyFingerprint = row.KeyFingerprint },
            async (connection, transaction) =>
                await DatabaseVaultStore.ReadRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != revision
                    ? Conflict()
                    : await write(connection, transaction, stored).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the change and its audit entry in one transaction: both or neither, also when the process is
    /// killed in between, so the log never claims what did not happen.</summary>
    public async Task<CoreError?> CommitAuditedAsync(AuditEvent auditEvent, Func<DbConnection, DbTransaction, Task<CoreError?>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await audit.AppendWithAsync(auditEvent, write, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }
    }

    public static CoreError Conflict() => new(
        CoreErrorKind.Conflict,
        Texts.Of("TheStoredDataChangedWhile"),
        Texts.Of("TryAgain"));
}
