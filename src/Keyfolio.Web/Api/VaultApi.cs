using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/vault</c>: its status (no password needed, no private data), unlock (which starts the session) and lock.</summary>
internal static class VaultApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().MapGroup("/vault").WithTags("Vault");
        api.MapGet("/status", StatusAsync).WithName("GetVaultStatus").WithSummary("Whether a vault exists and is unlocked, whether this client is signed in, and how long the next password attempt waits.");
        api.MapPost("/unlock", UnlockAsync).WithName("UnlockVault")
            .WithSummary("Unlocks the vault with the master password and starts a session (a new session cookie). Rate-limited to 5 attempts a minute per address (counting only requests with a valid antiforgery token and a password); each wrong password makes the next attempt wait longer. Every attempt is audited.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/lock", LockAsync).WithName("LockVault").WithSummary("Locks the vault (zeroing its key in memory) and ends every session.").RequireAuthorization();
    }

    private static async Task<Ok<VaultStatusResponse>> StatusAsync(VaultAccess vault, AuditTrail audit, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(new VaultStatusResponse(
            await vault.ExistsAsync(cancellationToken).ConfigureAwait(false),
            vault.IsUnlocked ? "unlocked" : "locked",
            context.User.Identity?.IsAuthenticated == true,
            vault.NextAttemptDelay.TotalSeconds,
            await audit.IsIntactAsync(cancellationToken).ConfigureAwait(false),
            await KdfAsync(vault, cancellationToken).ConfigureAwait(false)));

    /// <summary>The vault's key derivation as the API names it; null when there is none to read.</summary>
    private static async Task<VaultKdfResponse?> KdfAsync(VaultAccess vault, CancellationToken cancellationToken)
    {
        var info = await vault.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        return info.IsSuccess && info.Value is { Kdf: var kdf }
            ? new VaultKdfResponse(kdf.Name, kdf.MemoryKiB > 0 ? kdf.MemoryKiB : null, kdf.Iterations, kdf.Parallelism)
            : null;
    }

    private static async Task<Results<Ok<VaultStatusResponse>, ProblemHttpResult>> UnlockAsync(
        UnlockRequest request,
        VaultAccess vault,
        VaultSessions sessions,
        AuditTrail audit,
        UnlockRateLimit limit,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        using var password = request.Password;
        // The antiforgery filter has run: only a request with a valid token and a password is an attempt, and counts.
        if (password is null || password.IsEmpty)
        {
            return BadInput.Problem("password", "The master password is missing.", "Send it as \"password\" in the JSON body.");
        }

        if (await limit.RefusedAsync(context, "unlock").ConfigureAwait(false) is { } retryAfter)
        {
            return UnlockRateLimit.TooMany(retryAfter, time);
        }

        var unlocked = await vault.UnlockAsync(password.Memory, cancellationToken).ConfigureAwait(false);
        if (unlocked.Error is not { Kind: CoreErrorKind.WrongPassword })
        {
            // Only a wrong password counts towards the limit.
            limit.GiveBack(context);
        }

        if (!unlocked.IsSuccess)
        {
            return CoreProblems.From(unlocked.Error, context);
        }

        await KeyfolioSession.SignInAsync(context, time, sessions.CurrentEpoch).ConfigureAwait(false);
        return TypedResults.Ok(new VaultStatusResponse(true, "unlocked", true, 0, await audit.IsIntactAsync(cancellationToken).ConfigureAwait(false), await KdfAsync(vault, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Ok<VaultStatusResponse>> LockAsync(VaultAccess vault, AuditTrail audit, HttpContext context, CancellationToken cancellationToken)
    {
        await vault.LockAsync().ConfigureAwait(false);
        await KeyfolioSession.SignOutAsync(context).ConfigureAwait(false);
        return TypedResults.Ok(new VaultStatusResponse(true, "locked", false, vault.NextAttemptDelay.TotalSeconds, await audit.IsIntactAsync(cancellationToken).ConfigureAwait(false), await KdfAsync(vault, cancellationToken).ConfigureAwait(false)));
    }
}
