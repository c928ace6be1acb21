using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Audit;

/// <summary>Which entries of the audit log to read: newest first, up to <see cref="Limit"/>, before a sequence number (for
/// the next page), optionally of one connection and one action.</summary>
public sealed record AuditQuery
{
    public const int MaxLimit = 500;

    public string? ConnectionId { get; init; }

    public AuditAction? Action { get; init; }

    /// <summary>Only entries older than this one; null for the newest.</summary>
    public long? BeforeSequence { get; init; }

    public int Limit { get; init; } = 50;
}
