using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/audit</c>: the audit log newest first, filtered and paged, and the verification of its whole chain.</summary>
internal static class AuditApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().MapGroup("/audit").WithTags("Audit").RequireAuthorization();
        api.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("Entries newest first; filter by connection id and action code (vault.unlocked, credential.added, exchange.call, …); page with before = the nextBefore of the previous page.");
        api.MapGet("/verify", VerifyAsync).WithName("VerifyAuditLog").WithSummary("Walks the whole chain and reports the first problem found, if any.");
    }

    private static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> ListAsync(
        string? connection,
        string? action,
        long? before,
        int? limit,
        AuditTrail audit,
        ConnectionService connections,
        CancellationToken cancellationToken)
    {
        AuditAction? parsed = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (!AuditActionCodes.TryParse(action.Trim(), out var known))
            {
                return BadInput.Problem(
                    "action",
                    "That is not an audit action.",
                    "Use one of: " + string.Join(", ", Enum.GetValues<AuditAction>().Select(AuditActionCodes.ToCode)) + ".");
            }

            parsed = known;
        }

        var size = Math.Clamp(limit ?? 50, 1, AuditQuery.MaxLimit);
        var entries = await audit.ReadPageAsync(
            new AuditQuery { ConnectionId = string.IsNullOrWhiteSpace(connection) ? null : connection, Action = parsed, BeforeSequence = before, Limit = size },
            cancellationToken).ConfigureAwait(false);
        var labels = await connections.LabelsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditPageResponse(
            [.. entries.Select(e => Entry(e, labels))],
            entries.Count == size ? entries[^1].Sequence : null));
    }

    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(AuditTrail audit, AuditLogState state, CancellationToken cancellationToken)
    {
        var verification = await audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
        state.Verified(verification);
        return TypedResults.Ok(new AuditVerificationResponse(
            verification.IsIntact,
            verification.EntriesChecked,
            verification.Problem is { } problem ? ApiViews.Name(problem) : null,
            verification.FirstBadSequence,
            verification.Summary));
    }

    internal static AuditEntryResponse Entry(AuditRecord record, IReadOnlyDictionary<string, string> labels) => new(
        record.Sequence,
        record.Time,
        record.Actor,
        AuditActionCodes.ToCode(record.Action),
        record.ConnectionId,
        record.ConnectionId is { } id && labels.TryGetValue(id, out var label) ? label : null,
        record.KeyFingerprint,
        record.Endpoint,
        record.Outcome,
        record.Duration?.TotalMilliseconds);
}
