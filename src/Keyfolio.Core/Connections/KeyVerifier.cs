using Keyfolio.Core.Access;
using Keyfolio.Core.Health;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>Makes the one verifying call with a key, learning the egress address from its answer.</summary>
internal sealed class KeyVerifier(VaultAccess vault, ExchangeConnectors connectors, EgressAddressService egress)
{
    /// <summary>One verifying call with <paramref name="credentials"/> for <paramref name="connection"/>: the verification,
    /// or the exchange's refusal (sharpened with what is known), or an error that stops everything (audit, the vault
    /// locking meanwhile). <paramref name="decrypted"/> credentials came from the vault and are zeroed if it locks.</summary>
    public async Task<CoreResult<(KeyVerification? Verification, Diagnosis? Refusal)>> VerifyAsync(
        Connection connection,
        KeyCredentials credentials,
        bool decrypted,
        KeyFacts? knownFacts,
        CancellationToken cancellationToken)
    {
        using var use = KeyUse.Begin(vault.SessionToken, connection, credentials, decrypted, cancellationToken);
        var called = await use.RunAsync((account, token) => connectors[connection.Exchange].VerifyAsync(account, token)).ConfigureAwait(false);
        if (!called.IsSuccess)
        {
            return called.Error;
        }

        var result = called.Value;
        if (result.IsSuccess)
        {
            await egress.LearnAsync(result.Value.FactsFailure, cancellationToken).ConfigureAwait(false);
            return (result.Value, null);
        }

        await egress.LearnAsync(result.Diagnosis, cancellationToken).ConfigureAwait(false);
        var address = (await egress.GetAsync(cancellationToken).ConfigureAwait(false))?.Address;
        return (null, DiagnosisRefinement.Refine(result.Diagnosis, knownFacts, address));
    }
}
