using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Sync;
using Keyfolio.Web.Api.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary>
/// <c>/api/connections/{id}/refresh</c> and <c>/api/connections/{id}/sub-accounts</c>: what one connection reads from its
/// exchange now, through the sync, and the sub-accounts it reads.
/// </summary>
internal static class ConnectionSyncApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().MapGroup("/connections").WithTags("Connections").RequireAuthorization();
        api.MapPost("/{id}/refresh", RefreshAsync).WithName("RefreshConnection").WithSummary("Reads the balances now; refused with 429 and Retry-After within the cooldown after the previous manual refresh.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id}/sub-accounts", SubAccountsAsync).WithName("ListSubAccounts")
            .WithSummary("The sub-accounts the master account's key listed at its latest refresh, each with whether it is included; empty where the exchange shows a read-only key none.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/sub-accounts/refresh", ListSubAccountsNowAsync).WithName("RefreshSubAccounts")
            .WithSummary("Asks the exchange for the sub-accounts now; new ones are listed, not included.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status423Locked);
        api.MapPut("/{id}/sub-accounts/{subAccount}", IncludeSubAccountAsync).WithName("IncludeSubAccount")
            .WithSummary("Includes a listed sub-account in the connection's readings (valued as its own row under the connection), or leaves it out, and refreshes the connection.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<RefreshResponse>, ProblemHttpResult>> RefreshAsync(
        string id,
        ConnectionService connections,
        SyncService sync,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var refreshed = await connections.FindAsync(id, cancellationToken).ThenAsync(found => sync.RefreshNowAsync(found.Connection.Label, cancellationToken)).ConfigureAwait(false);
        var after = refreshed.IsSuccess ? await connections.FindAsync(id, cancellationToken).ConfigureAwait(false) : refreshed.Error;
        return after.Answer(v => TypedResults.Ok(new RefreshResponse(ApiViews.Name(refreshed.Value!.Result), ApiViews.Connection(v, withHoldings: true))), context);
    }

    private static Task<Results<Ok<SubAccountsResponse>, ProblemHttpResult>> SubAccountsAsync(string id, ConnectionService connections, SyncService sync, HttpContext context, CancellationToken cancellationToken) =>
        SubAccountsAnswerAsync(id, connections, context, label => sync.GetSubAccountsAsync(label, cancellationToken), cancellationToken);

    private static Task<Results<Ok<SubAccountsResponse>, ProblemHttpResult>> ListSubAccountsNowAsync(string id, ConnectionService connections, SyncService sync, HttpContext context, CancellationToken cancellationToken) =>
        SubAccountsAnswerAsync(id, connections, context, label => sync.ListSubAccountsNowAsync(label, cancellationToken), cancellationToken);

    private static Task<Results<Ok<SubAccountsResponse>, ProblemHttpResult>> IncludeSubAccountAsync(
        string id,
        string subAccount,
        IncludeSubAccountRequest request,
        ConnectionService connections,
        SyncService sync,
        HttpContext context,
        CancellationToken cancellationToken) =>
        SubAccountsAnswerAsync(id, connections, context, label => sync.SetSubAccountIncludedAsync(label, subAccount, request.Included, cancellationToken), cancellationToken);

    /// <summary>Finds the connection by id, runs <paramref name="act"/> on its sub-accounts and answers the list they are in afterwards.</summary>
    private static async Task<Results<Ok<SubAccountsResponse>, ProblemHttpResult>> SubAccountsAnswerAsync(
        string id,
        ConnectionService connections,
        HttpContext context,
        Func<string, Task<CoreResult<SubAccountList>>> act,
        CancellationToken cancellationToken)
    {
        var found = await connections.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var list = found.IsSuccess ? await act(found.Value.Connection.Label).ConfigureAwait(false) : found.Error;
        return list.Answer(l => TypedResults.Ok(ApiViews.SubAccounts(found.Value!, l)), context);
    }
}
