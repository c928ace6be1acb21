namespace Keyfolio.Web.Api.Models;

/// <summary>What can be said about the vault without the password.</summary>
public sealed record VaultStatusResponse(bool Exists, string State, bool SignedIn, double NextAttemptDelaySeconds, bool AuditLogIntact, VaultKdfResponse? Kdf);

/// <summary>
/// How the master password is turned into the vault's key: <c>argon2id</c> (memory in KiB, passes, lanes) for every
/// vault since Argon2id, <c>pbkdf2-sha256</c> (iterations; no memory) for one an earlier version made and not yet
/// unlocked since. Null when there is no vault or its header cannot be read.
/// </summary>
public sealed record VaultKdfResponse(string Algorithm, int? MemoryKiB, int Iterations, int Parallelism);

/// <summary>The master password, for <c>POST /api/vault/unlock</c>. <see cref="ToString"/> is redacted.</summary>
public sealed class UnlockRequest
{
    /// <summary>Read into a pinned buffer, never into a string; zeroed once the attempt is made.</summary>
    public SecretText? Password { get; set; }

    public override string ToString() => "UnlockRequest { Password = *** }";
}
