namespace Keyfolio.Vault;

/// <summary>Whether the vault's data key is in memory.</summary>
public enum VaultState
{
    Locked,
    Unlocked,
}
