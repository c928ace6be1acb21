namespace Keyfolio.Web.Api.Models;

/// <summary>What can be said about the vault without the password.</summary>
public sealed record VaultStatusResponse(bool Exists, string State, bool SignedIn, double NextAttemptDelaySeconds, bool AuditLogIntact);

/// <summary>The master password, for <c>POST /api/vault/unlock</c>. <see cref="ToString"/> is redacted.</summary>
public sealed class UnlockRequest
{
    public string? Password { get; set; }

    public override string ToString() => "UnlockRequest { Password = *** }";
}
