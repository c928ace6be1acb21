namespace Keyfolio.Vault.Audit;

/// <summary>
/// A stored audit entry: its place in the chain, the time (UTC, whole microseconds), the event's fields and
/// <see cref="Mac"/> = HMAC-SHA256(audit key, previous MAC ‖ canonical entry).
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    AuditAction Action,
    string? ConnectionId,
    string? KeyFingerprint,
    string? Endpoint,
    string? Outcome,
    TimeSpan? Duration,
    byte[] Mac);
