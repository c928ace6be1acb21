using System.Data.Common;
using System.Text.Json.Serialization;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (it can serve: the database answers at the current
/// schema and the audit log is intact) for a container's health check, a load balancer or a monitor. Both need no
/// session and say nothing private: no path, no label, no count, no figure. A locked vault is reported but is ready —
/// it is the normal state of a server nobody has unlocked yet. The key-health page keeps its own route, <c>/health</c>.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(LivenessPath, [HttpMethods.Get, HttpMethods.Head], Alive)
            .WithMetadata(new PassiveRequestAttribute())
            .ExcludeFromDescription();
        endpoints.MapMethods(ReadinessPath, [HttpMethods.Get, HttpMethods.Head], ReadyAsync)
            .WithMetadata(new PassiveRequestAttribute())
            .ExcludeFromDescription();
    }

    private static Ok<LivenessResponse> Alive() => TypedResults.Ok(new LivenessResponse("alive"));

    private static async Task<JsonHttpResult<ReadinessResponse>> ReadyAsync(
        KeyfolioDatabase database,
        AuditTrail audit,
        VaultAccess vault,
        CancellationToken cancellationToken)
    {
        var store = await database.CheckReadinessAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (store.Problem is { } storeProblem)
        {
            problems.Add(storeProblem);
        }

        var auditIntact = store.Reachable && await audit.IsIntactAsync(cancellationToken).ConfigureAwait(false);
        if (store.Reachable && !auditIntact)
        {
            problems.Add("The audit log is broken or cannot be opened: audited actions are refused until it is resealed (Settings → Audit log, or keyfolio audit --reseal).");
        }

        var ready = store.MigrationsApplied && auditIntact;
        var response = new ReadinessResponse(
            ready ? "ready" : "not-ready",
            new ReadinessChecks(
                store.Reachable ? "ok" : "failed",
                store.MigrationsApplied ? "ok" : "failed",
                !store.Reachable ? "unknown" : auditIntact ? "ok" : "failed"),
            await VaultStateAsync(store, vault, cancellationToken).ConfigureAwait(false),
            problems.Count == 0 ? null : problems);
        return TypedResults.Json(response, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> VaultStateAsync(StoreReadiness store, VaultAccess vault, CancellationToken cancellationToken)
    {
        if (!store.MigrationsApplied)
        {
            return "unknown";
        }

        try
        {
            return !await vault.ExistsAsync(cancellationToken).ConfigureAwait(false) ? "not-created" : vault.IsUnlocked ? "unlocked" : "locked";
        }
        catch (DbException)
        {
            return "unknown";
        }
    }
}

internal sealed record LivenessResponse(string Status);

/// <summary>What <c>/readyz</c> answers: 200 with <c>ready</c>, or 503 with <c>not-ready</c> and the reasons.</summary>
internal sealed record ReadinessResponse(
    string Status,
    ReadinessChecks Checks,
    string Vault,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Problems);

/// <summary>Each check's outcome: <c>ok</c>, <c>failed</c>, or <c>unknown</c> when an earlier check failed.</summary>
internal sealed record ReadinessChecks(string Database, string Migrations, string AuditLog);
