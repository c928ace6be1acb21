using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault;

/// <summary>What can be said about a vault without unlocking it.</summary>
public sealed record VaultInfo(Guid VaultId, DateTimeOffset CreatedAt, KdfParameters Kdf, uint KeyGeneration, bool HasRecoveryKey);
