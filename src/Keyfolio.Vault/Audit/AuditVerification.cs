using System.Globalization;

namespace Keyfolio.Vault.Audit;

/// <summary>The result of verifying the audit chain: intact, or the first problem and where it is.</summary>
public sealed record AuditVerification(long EntriesChecked, AuditProblem? Problem, long? FirstBadSequence, string Summary)
{
    public bool IsIntact => Problem is null;

    internal static AuditVerification Intact(long entries, long? resealedAt = null) =>
        new(entries, null, null, resealedAt is { } reseal
            ? string.Create(CultureInfo.InvariantCulture, $"The audit log is intact: {entries:N0} entries verified; an earlier break was accepted when the log was resealed at entry {reseal}.")
            : string.Create(CultureInfo.InvariantCulture, $"The audit log is intact: {entries:N0} entries verified."));

    internal static AuditVerification Failed(long entriesChecked, AuditProblem problem, long? sequence, string summary) =>
        new(entriesChecked, problem, sequence, summary);
}
