using System.Security.Claims;
using System.Security.Cryptography;
using Keyfolio.Core.Access;
using Keyfolio.Vault;

namespace Keyfolio.Web.Security;

/// <summary>
/// Ties browser sessions to the vault: each time the vault goes from locked to unlocked it gets a new epoch, and a
/// session is good only while the vault is unlocked under the epoch it was granted in. So locking — by hand, by
/// auto-lock, at shutdown — ends every session, and no cookie from before a lock opens anything afterwards.
/// </summary>
public sealed class VaultSessions
{
    private readonly VaultAccess _vault;
    private string _epoch = NewEpoch();

    public VaultSessions(VaultAccess vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        _vault = vault;
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Unlocked)
            {
                Volatile.Write(ref _epoch, NewEpoch());
            }
        };
    }

    /// <summary>The epoch of the current unlock, for a session granted now.</summary>
    public string CurrentEpoch => Volatile.Read(ref _epoch);

    /// <summary>Whether <paramref name="principal"/>'s session still stands: the vault is unlocked, in the same epoch.</summary>
    public bool IsValid(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claimed = principal.FindFirstValue(KeyfolioSession.VaultEpochClaim);
        return _vault.IsUnlocked
            && claimed is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(claimed), System.Text.Encoding.UTF8.GetBytes(CurrentEpoch));
    }

    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
