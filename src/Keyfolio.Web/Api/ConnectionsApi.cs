using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Portfolio;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/connections</c>: list, create, read, check, replace the key, remove; a connection's snapshots. Its refresh and
/// sub-accounts are <see cref="ConnectionSyncApi"/>'s.</summary>
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
        api.MapPut("/{id}/key", ReplaceAsync).WithName("ReplaceConnectionKey").WithSummary("Verifies the new key first, then swaps it in keeping the history; on any failure the old key stays.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/{id}/key/{field}", CorrectAsync).WithName("CorrectConnectionKeyField")
            .WithSummary("Corrects one field of the stored key — passphrase or secret — keeping the rest; verified with the exchange before it is kept, nothing changed otherwise.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/{id}", RemoveAsync).WithName("RemoveConnection").WithSummary("Deletes the key (and the history when asked) and says where to delete it on the exchange too.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/snapshots", SnapshotsAsync).WithName("ListConnectionSnapshots").WithSummary("The connection's newest snapshots, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<ConnectionResponse>>> ListAsync(ConnectionService connections, CancellationToken cancellationToken)
    {
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ConnectionResponse>>([.. views.Select(v => ApiViews.Connection(v, withHoldings: false))]);
    }

    private static async Task<Results<Created<ConnectionResponse>, ProblemHttpResult>> CreateAsync(CreateConnectionRequest request, AddConnectionCommand add, HttpContext context, CancellationToken cancellationToken)
    {
        using var credentials = KeyOf(request.ApiKey, request.Secret, request.Passphrase);
        var input = ConnectionInput.Add(request.Exchange, request.Label, credentials, request.Region, request.Environment, request.ApiUrl, request.AllowWithdrawal, request.WithdrawalConfirmation);
        var added = input.IsSuccess ? await add.AddAsync(input.Value, cancellationToken).ConfigureAwait(false) : input.Error;
        return added.Answer(v => TypedResults.Created("/api/connections/" + v.Connection.Id, ApiViews.Connection(v, withHoldings: true)), context);
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> GetAsync(string id, ConnectionService connections, HttpContext context, CancellationToken cancellationToken) =>
        Detail(await connections.FindAsync(id, cancellationToken).ConfigureAwait(false), v => v, context);

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> CheckAsync(string id, CheckConnectionCommand check, HttpContext context, CancellationToken cancellationToken) =>
        Detail(await check.CheckAsync(id, cancellationToken).ConfigureAwait(false), v => v, context);

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> ReplaceAsync(string id, ReplaceKeyRequestBody request, ReplaceKeyCommand replace, HttpContext context, CancellationToken cancellationToken)
    {
        using var credentials = KeyOf(request.ApiKey, request.Secret, request.Passphrase);
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
        return removed.Answer(v => TypedResults.Ok(ApiViews.Removed(v)), context);
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

    /// <summary>The key a request carries; its secret fields are cleared once copied into it.</summary>
    private static KeyCredentials KeyOf(string? apiKey, SecretText? secret, SecretText? passphrase)
    {
        using (secret)
        using (passphrase)
        {
            return new KeyCredentials(apiKey ?? string.Empty, SecretText.Of(secret), SecretText.Of(passphrase));
        }
    }

    /// <summary>The connection as one connection's answer shows it, with its latest holdings.</summary>
    private static Results<Ok<ConnectionResponse>, ProblemHttpResult> Detail<T>(CoreResult<T> result, Func<T, ConnectionView> view, HttpContext context) =>
        result.Answer(r => TypedResults.Ok(ApiViews.Connection(view(r), withHoldings: true)), context);

    private static CoreError NotCorrectedAlone(string field) => new CoreError(
        CoreErrorKind.BadInput,
        Texts.Of("IsNotAFieldKeyfolio", field),
        Texts.Of("UsePassphraseOrSecretTo"))
    { Field = "field" };
}
