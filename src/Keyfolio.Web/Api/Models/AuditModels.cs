namespace Keyfolio.Web.Api.Models;

/// <summary>One entry of the audit log. Keys appear only as their fingerprint.</summary>
public sealed record AuditEntryResponse(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string Action,
    string? ConnectionId,
    string? ConnectionLabel,
    string? KeyFingerprint,
    string? Endpoint,
    string? Outcome,
    double? DurationMs);

/// <summary>A page of the audit log, newest first, and where the next (older) page starts.</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Entries, long? NextBefore);

/// <summary>The result of walking the whole audit chain.</summary>
public sealed record AuditVerificationResponse(bool Intact, long EntriesChecked, string? Problem, long? FirstBadSequence, string Summary);
