using Keyfolio.Core.Access;
using Keyfolio.Exchanges;
using Keyfolio.Vault;

namespace Keyfolio.Core.Connections;

/// <summary>Reads a connection's stored key from the vault, bound to the endpoint it was saved for.</summary>
internal sealed class StoredKeys(VaultAccess vault)
{
    /// <summary>
    /// Decrypts a connection's stored key for the calls about to be made; the caller disposes it. Refused when the
    /// connection's endpoint is not the one sealed with the key (its clear columns were edited behind Keyfolio's back),
    /// so a key is never sent anywhere but where it was saved for.
    /// </summary>
    public async Task<CoreResult<KeyCredentials>> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        var opened = await OpenSealedAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var (credentials, endpoint) = opened.Value;
        if (!KeyCredentials.SameEndpoint(endpoint, connection.Endpoint))
        {
            credentials.Dispose();
            return EndpointMismatch();
        }

        return credentials;
    }

    /// <summary>
    /// Before a new key is sent to a connection's endpoint: that endpoint must be the one sealed with the stored key. An
    /// old key that cannot be read at all (often the reason to replace it) vouches for nothing, so then only the
    /// exchange's own hosts are trusted, never a custom API URL.
    /// </summary>
    public async Task<CoreError?> ConfirmEndpointAsync(Connection connection, CancellationToken cancellationToken)
    {
        var opened = await OpenSealedAsync(connection, cancellationToken).ConfigureAwait(false);
        if (opened.IsSuccess)
        {
            using var old = opened.Value.Credentials;
            return KeyCredentials.SameEndpoint(opened.Value.Endpoint, connection.Endpoint) ? null : EndpointMismatch();
        }

        return opened.Error.Kind == CoreErrorKind.Corrupted && connection.CustomBaseUrl is null ? null : opened.Error;
    }

    /// <summary>The stored key of a connection with the endpoint sealed with it, or why it cannot be read.</summary>
    private async Task<CoreResult<(KeyCredentials Credentials, ExchangeEndpoint Endpoint)>> OpenSealedAsync(Connection connection, CancellationToken cancellationToken)
    {
        var unlocked = await vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        try
        {
            using var decrypted = await unlocked.Value.OpenCredentialAsync(connection.Id, cancellationToken).ConfigureAwait(false);
            return KeyCredentials.FromPayload(decrypted.Payload);
        }
        catch (VaultException exception)
        {
            return Errors.FromVault(exception);
        }
        catch (FormatException exception)
        {
            return new CoreError(CoreErrorKind.Corrupted, Texts.Of("StoredCredentialsUnreadable", exception.Message), Texts.Of("ReplaceTheConnectionsKey"));
        }
    }

    private static CoreError EndpointMismatch() => new(
        CoreErrorKind.Corrupted,
        Texts.Of("TheConnectionsEndpointInThe"),
        Texts.Of("RestoreTheDataDirectoryFrom2"));
}
