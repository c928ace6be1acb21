using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Storage;
using Keyfolio.Vault;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Core.Access;

/// <summary>
/// Keyfolio's own secrets in the vault, beside the connections' keys (the OKX Fast API client secret, the alert channels'
/// secrets): each one a UTF-8 text under a fixed credential id, stored, replaced and removed while the vault is unlocked,
/// audited as a credential with its id as the connection.
/// </summary>
internal sealed class OwnSecrets(KeyfolioDatabase database, VaultAccess vault)
{
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        await new DatabaseVaultStore(database).ReadCredentialAsync(id, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Encrypts <paramref name="secret"/> (trimmed) under <paramref name="id"/>, replacing an earlier one; <paramref name="stored"/> sees the bytes before they are wiped.</summary>
    public async Task<CoreResult<bool>> StoreAsync(string id, string realm, ReadOnlyMemory<char> secret, Action<ReadOnlySpan<byte>>? stored, CancellationToken cancellationToken)
    {
        var unlocked = await vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var payload = KeyCredentials.Utf8Pinned(secret.Span.Trim());
        try
        {
            var address = new CredentialAddress(id, realm);
            var context = new AuditContext(AuditActor.Current) { ConnectionId = id };
            if (await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await unlocked.Value.ReplaceCredentialAsync(address, payload, context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await unlocked.Value.AddCredentialAsync(address, payload, context, cancellationToken).ConfigureAwait(false);
            }

            stored?.Invoke(payload);
            return true;
        }
        catch (Exception exception) when (VaultAccess.Translate(exception) is { } error)
        {
            return error;
        }
        finally
        {
            KeyCredentials.Zero(payload);
        }
    }

    /// <summary>Deletes the secret under <paramref name="id"/>, when there is one.</summary>
    public async Task<CoreResult<bool>> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var unlocked = await vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        try
        {
            if (await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await unlocked.Value.RemoveCredentialAsync(id, new AuditContext(AuditActor.Current) { ConnectionId = id }, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception exception) when (VaultAccess.Translate(exception) is { } error)
        {
            return error;
        }
    }
}
