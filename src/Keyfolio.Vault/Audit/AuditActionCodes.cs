namespace Keyfolio.Vault.Audit;

/// <summary>The stored code of each <see cref="AuditAction"/>; codes never change once released.</summary>
public static class AuditActionCodes
{
    private static readonly Dictionary<AuditAction, string> Codes = new()
    {
        [AuditAction.VaultCreated] = "vault.created",
        [AuditAction.VaultUnlocked] = "vault.unlocked",
        [AuditAction.UnlockFailed] = "vault.unlock_failed",
        [AuditAction.VaultLocked] = "vault.locked",
        [AuditAction.PasswordChanged] = "vault.password_changed",
        [AuditAction.PasswordRecovered] = "vault.password_recovered",
        [AuditAction.KeyRotated] = "vault.key_rotated",
        [AuditAction.CredentialAdded] = "credential.added",
        [AuditAction.CredentialReplaced] = "credential.replaced",
        [AuditAction.CredentialRemoved] = "credential.removed",
        [AuditAction.Exported] = "vault.exported",
        [AuditAction.Imported] = "vault.imported",
        [AuditAction.ExchangeCall] = "exchange.call",
        [AuditAction.ChainResealed] = "audit.resealed",
        [AuditAction.KdfUpgraded] = "vault.kdf_upgraded",
        [AuditAction.BackedUp] = "data.backed_up",
        [AuditAction.Restored] = "data.restored",
        [AuditAction.HeaderSealed] = "vault.header_sealed",
        [AuditAction.AlertDelivery] = "alert.delivery",
        [AuditAction.AlertRulesChanged] = "alert.rules_changed",
        [AuditAction.NodeJoined] = "audit.node_joined",
    };

    private static readonly Dictionary<string, AuditAction> Actions =
        Codes.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string ToCode(AuditAction action) =>
        Codes.TryGetValue(action, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown audit action.");

    public static bool TryParse(string code, out AuditAction action) => Actions.TryGetValue(code, out action);
}
