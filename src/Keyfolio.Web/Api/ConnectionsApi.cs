using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/connections</c>: list, create, read, check, refresh, replace the key, remove; a connection's snapshots.</summary>
internal static class ConnectionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().MapGroup("/connections").WithTags("Connections").RequireAuthorization();
        api.MapGet("/", ListAsync).WithName("ListConnections").WithSummary("Every connection with its status, findings and value.");
        api.MapPost("/", CreateAsync).WithName("CreateConnection")
            .WithSummary("Checks the key's format, verifies it with one signed read, reads its rights, refuses a key that can withdraw unless confirmed, stores it encrypted and takes the first snapshot. Secrets are write-only.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{id}", GetAsync).WithName("GetConnection").WithSummary("One connection with its latest holdings.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/check", CheckAsync).WithName("CheckConnection").WithSummary("Verifies the stored key again now and refreshes its rights and holdings.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status423Locked);
        api.MapPost("/{id}/refresh", RefreshAsync).WithName("RefreshConnection").WithSummary("Reads the balances now; refused with 429 and Retry-After within the cooldown after the previous manual refresh.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPut("/{id}/key", ReplaceAsync).WithName("ReplaceConnectionKey").WithSummary("Verifies the new key first, then swaps it in keeping the history; on any failure the old key stays.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/{id}/key/{field}", CorrectAsync).WithName("CorrectConnectionKeyField")
            .WithSummary("Corrects one field of the stored key — passphrase or secret — keeping the rest; verified with the exchange before it is kept, nothing changed otherwise.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/{id}", RemoveAsync).WithName("RemoveConnection").WithSummary("Deletes the key (and the history when asked) and says where to delete it on the exchange too.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/sub-accounts", SubAccountsAsync).WithName("ListSubAccounts")
            .WithSummary("The sub-accounts the master account's key listed at its latest refresh, each with whether it is included; empty where the exchange shows a read-only key none.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/sub-accounts/refresh", ListSubAccountsNowAsync).WithName("RefreshSubAccounts")
            .WithSummary("Asks the exchange for the sub-accounts now; new ones are listed, not included.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status423Locked);
        api.MapPut("/{id}/sub-accounts/{subAccount}", IncludeSubAccountAsync).WithName("IncludeSubAccount")
            .WithSummary("Includes a listed sub-account in the connection's readings (valued as its own row under the connection), or leaves it out, and refreshes the connection.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/snapshots", SnapshotsAsync).WithName("ListConnectionSnapshots").WithSummary("The connection's newest snapshots, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<ConnectionResponse>>> ListAsync(ConnectionService connections, CancellationToken cancellationToken)
    {
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ConnectionResponse>>([.. views.Select(v => ApiViews.Connection(v, withHoldings: false))]);
    }

    private static async Task<Results<Created<ConnectionResponse>, ProblemHttpResult>> CreateAsync(
        CreateConnectionRequest request,
        AddConnectionCommand add,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        using var secret = request.Secret;
        using var passphrase = request.Passphrase;
        using var credentials = new KeyCredentials(request.ApiKey ?? string.Empty, SecretText.Of(secret), SecretText.Of(passphrase));
        var input = ConnectionInput.Add(request.Exchange, request.Label, credentials, request.Region, request.Environment, request.ApiUrl, request.AllowWithdrawal, request.WithdrawalConfirmation);
        var added = input.IsSuccess ? await add.AddAsync(input.Value, cancellationToken).ConfigureAwait(false) : input.Error;
        return added.Answer(v => TypedResults.Created("/api/connections/" + v.Connection.Id, ApiViews.Connection(v, withHoldings: true)), context);
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> GetAsync(string id, ConnectionService connections, HttpContext context, CancellationToken cancellationToken) =>
        Detail(await connections.FindAsync(id, cancellationToken).ConfigureAwait(false), v => v, context);

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> CheckAsync(string id, CheckConnectionCommand check, HttpContext context, CancellationToken cancellationToken) =>
        Detail(await check.CheckAsync(id, cancellationToken).ConfigureAwait(false), v => v, context);

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

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> ReplaceAsync(
        string id,
        ReplaceKeyRequestBody request,
        ReplaceKeyCommand replace,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        using var secret = request.Secret;
        using var passphrase = request.Passphrase;
        using var credentials = new KeyCredentials(request.ApiKey ?? string.Empty, SecretText.Of(secret), SecretText.Of(passphrase));
        var replaced = await replace.ReplaceAsync(
            new ReplaceKeyRequest(id, credentials) { AllowWithdrawal = request.AllowWithdrawal, WithdrawalConfirmation = request.WithdrawalConfirmation },
            cancellationToken).ConfigureAwait(false);
        return Detail(replaced, r => r.View, context);
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> CorrectAsync(
        string id,
        string field,
        CorrectFieldRequestBody request,
        ConnectionService connections,
        CorrectCredentialCommand correct,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        using var value = request.Value;
        var found = await connections.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var corrected = !found.IsSuccess
            ? found.Error
            : CredentialCorrection.Parse(field) is { } kind
                ? await correct.CorrectAsync(id, kind, value?.Memory ?? default, cancellationToken).ConfigureAwait(false)
                : NotCorrectedAlone(field);
        return Detail(corrected, r => r.View, context);
    }

    private static async Task<Results<Ok<RemovedConnectionResponse>, ProblemHttpResult>> RemoveAsync(
        string id,
        bool? deleteHistory,
        RemoveConnectionCommand remove,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var removed = await remove.RemoveAsync(id, deleteHistory == true, cancellationToken).ConfigureAwait(false);
        return removed.Answer(
            v => TypedResults.Ok(new RemovedConnectionResponse(v.Label, v.Exchange.ToName(), v.HistoryDeleted, v.ApiManagementPage, Localization.CoreTexts.Current(v.Reminder))),
            context);
    }

    private static async Task<Results<Ok<IReadOnlyList<SnapshotResponse>>, ProblemHttpResult>> SnapshotsAsync(
        string id,
        int? limit,
        ConnectionService connections,
        PortfolioService portfolio,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var history = await connections.FindAsync(id, cancellationToken)
            .ThenAsync(async _ => CoreResult<IReadOnlyList<SnapshotSummary>>.Success(
                await portfolio.GetSnapshotHistoryAsync(id, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken).ConfigureAwait(false)))
            .ConfigureAwait(false);
        return history.Answer(h => TypedResults.Ok<IReadOnlyList<SnapshotResponse>>([.. h.Select(s => new SnapshotResponse(s.TakenAt, s.TotalUsd, s.IsComplete, s.HoldingCount, s.UnpricedCount))]), context);
    }

    /// <summary>The connection as one connection's answer shows it, with its latest holdings.</summary>
    private static Results<Ok<ConnectionResponse>, ProblemHttpResult> Detail<T>(CoreResult<T> result, Func<T, ConnectionView> view, HttpContext context) =>
        result.Answer(r => TypedResults.Ok(ApiViews.Connection(view(r), withHoldings: true)), context);

    private static CoreError NotCorrectedAlone(string field) => new CoreError(
        CoreErrorKind.BadInput,
        new($"\"{field}\" is not a field Keyfolio corrects alone.", $"“{field}”不是可单独更正的字段。"),
        new("Use passphrase or secret; to change the API key, replace the key (PUT /api/connections/{id}/key).", "请使用 passphrase 或 secret；要更换 API Key，请替换密钥（PUT /api/connections/{id}/key）。"))
    { Field = "field" };
}
