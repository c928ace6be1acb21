namespace Keyfolio.Vault.Audit;

/// <summary>
/// What a caller asks the audit log to record. Identify a key only by its fingerprint
/// (<see cref="AuditLog.Fingerprint(ReadOnlySpan{char})"/>); an endpoint is a path without its query string.
/// </summary>
public sealed record AuditEvent(string Actor, AuditAction Action)
{
    /// <summary>The connection the action concerns, when it concerns one.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>The short HMAC fingerprint of the API key involved, never the key.</summary>
    public string? KeyFingerprint { get; init; }

    /// <summary>For exchange calls: the endpoint path, without query string.</summary>
    public string? Endpoint { get; init; }

    /// <summary>For exchange calls: the outcome ("ok" or a diagnosis category); for vault actions a short detail.</summary>
    public string? Outcome { get; init; }

    /// <summary>For exchange calls: how long the call took.</summary>
    public TimeSpan? Duration { get; init; }
}
