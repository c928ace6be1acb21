using Keyfolio.Core.Access;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections.Commands;

/// <summary>
/// Corrects one field of the stored key — its secret or its passphrase — and keeps the rest, so a passphrase typed
/// wrong is fixed without the key and secret again (an exchange shows a secret once). The corrected key is verified
/// and kept exactly as a replacement is (<see cref="ReplaceKeyCommand"/>: the withdrawal policy, one transaction, the
/// audit entry, the announcement); on any failure the stored key is untouched. The API key itself is not corrected:
/// another key is a replacement.
/// </summary>
public sealed class CorrectCredentialCommand
{
    private readonly ConnectionRepository _connections;
    private readonly VaultAccess _vault;
    private readonly StoredKeys _keys;
    private readonly ReplaceKeyCommand _replace;

    internal CorrectCredentialCommand(KeyfolioDatabase database, VaultAccess vault, StoredKeys keys, ReplaceKeyCommand replace)
    {
        _connections = new ConnectionRepository(database);
        _vault = vault;
        _keys = keys;
        _replace = replace;
    }

    public async Task<CoreResult<KeyReplacement>> CorrectAsync(string connectionId, CredentialFieldKind field, ReadOnlyMemory<char> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var current = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionIdNotFound();
        }

        if (field == CredentialFieldKind.ApiKey || !current.Descriptor.CredentialFields.Any(f => f.Kind == field))
        {
            return Errors.NotCorrectable(current, field);
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var opened = await _keys.OpenAsync(current, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using var stored = opened.Value;
        using var corrected = field == CredentialFieldKind.Secret
            ? new KeyCredentials(stored.ApiKey, value.Span, stored.Passphrase)
            : new KeyCredentials(stored.ApiKey, stored.Secret, value.Span);
        return await _replace.ReplaceAsync(new ReplaceKeyRequest(current.Id, corrected), cancellationToken).ConfigureAwait(false);
    }
}
