namespace Keyfolio.Vault;

/// <summary>
/// Who is acting, for the audit entry a vault operation writes ("cli", "web 127.0.0.1", "sync"); for
/// credential operations also the connection and the key's fingerprint.
/// </summary>
public sealed record AuditContext(string Actor)
{
    public string? ConnectionId { get; init; }

    public string? KeyFingerprint { get; init; }
}
