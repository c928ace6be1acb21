using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Exchanges;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/alerts</c>: the alerts Keyfolio raised, as the notifications page shows them, and marking them read.</summary>
internal static class AlertsApi
{
    private const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().MapGroup("/alerts").WithTags("Alerts").RequireAuthorization();
        api.MapGet("/", ListAsync).WithName("ListAlerts")
            .WithSummary("The alerts newest first (limit 1 to 500, default 100; unread=true for the unread ones only), with the unread count.");
        api.MapPost("/read", MarkReadAsync).WithName("MarkAlertsRead")
            .WithSummary("Marks every alert up to and including upToId read; one raised after it stays unread.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/rules", RulesAsync).WithName("GetAlertRules")
            .WithSummary("The alert rules in force: events on and off, warning days before expiry, thresholds, quiet hours, paused channels.");
        api.MapPatch("/rules", ChangeRulesAsync).WithName("ChangeAlertRules")
            .WithSummary("Changes the rules named in the request and leaves the others; the change is written to the audit log. A refusal names its field.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<AlertRulesResponse>> RulesAsync(AlertRulesService rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(Rules(await rules.GetAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<Results<Ok<AlertRulesResponse>, ProblemHttpResult>> ChangeRulesAsync(
        AlertRulesChangeRequest? request,
        AlertRulesService rules,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return BadInput.Problem("request", "The request has no body.", "Send a JSON object with the rules to change, for example {\"off\": [\"key.unused\"]}.");
        }

        var change = new AlertRulesChange
        {
            Off = request.Off ?? [],
            On = request.On ?? [],
            ExpiryDays = request.ExpiryDays,
            UnusedDays = request.UnusedDays,
            StaleHours = request.StaleHours,
            UnlockFailures = request.UnlockFailures,
            ValueDropPercent = request.ValueDropPercent,
            Figures = request.Figures,
            Quiet = request.Quiet,
            Pause = request.Pause ?? [],
            Resume = request.Resume ?? [],
        };
        var changed = await rules.ChangeAsync(change, cancellationToken).ConfigureAwait(false);
        return changed.IsSuccess ? TypedResults.Ok(Rules(changed.Value!)) : CoreProblems.From(changed.Error!, context);
    }

    private static AlertRulesResponse Rules(AlertRules rules) => new(
        [.. AlertRules.Optional.Concat(AlertRules.AlwaysOn).Select(type => new AlertRuleEventResponse(AlertCodes.ToCode(type), AlertCodes.Title(type).Current(), rules.IsOn(type), !AlertRules.AlwaysOn.Contains(type)))],
        [.. rules.ExpiryThresholds.Select(t => Math.Round(t.TotalDays, 2))],
        (int)rules.UnusedAfter.TotalDays,
        (int)rules.StaleAfter.TotalHours,
        rules.UnlockFailureThreshold,
        rules.ValueDropPercent,
        rules.IncludeFigures,
        rules.Quiet is { } quiet ? new QuietHoursResponse(quiet.From.ToString("HH:mm", CultureInfo.InvariantCulture), quiet.To.ToString("HH:mm", CultureInfo.InvariantCulture), quiet.TimeZoneId) : null,
        [.. rules.Paused.Order(StringComparer.Ordinal)]);

    private static async Task<Results<Ok<AlertListResponse>, ProblemHttpResult>> ListAsync(bool? unread, int? limit, AlertMonitor alerts, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return BadInput.Problem("limit", $"limit must be between 1 and {MaxLimit}.", "Leave it out for the newest 100, or give a number from 1 to 500.");
        }

        var listed = await alerts.ListAsync(limit ?? 100, unread ?? false, cancellationToken).ConfigureAwait(false);
        var count = await alerts.UnreadCountAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertListResponse([.. listed.Select(Alert)], count));
    }

    private static async Task<Results<Ok<MarkAlertsReadResponse>, ProblemHttpResult>> MarkReadAsync(MarkAlertsReadRequest? request, AlertMonitor alerts, CancellationToken cancellationToken)
    {
        if (request is not { UpToId: > 0 })
        {
            return BadInput.Problem("upToId", "upToId is missing or not a positive alert id.", "Send {\"upToId\": …} with the id of the newest alert read, from GET /api/alerts.");
        }

        return TypedResults.Ok(new MarkAlertsReadResponse(await alerts.MarkReadAsync(request.UpToId, cancellationToken).ConfigureAwait(false)));
    }

    private static AlertResponse Alert(AlertEvent alert) => new(
        alert.Id,
        AlertCodes.ToCode(alert.Type),
        AlertCodes.ToCode(alert.Severity),
        alert.ConnectionId,
        alert.ConnectionLabel,
        alert.Exchange?.ToName(),
        alert.Message.Current(),
        alert.Fix.Current(),
        alert.At,
        alert.ReadAt);
}
