using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;
using Keyfolio.Web.Api.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary><c>/api/balances</c>, <c>/api/portfolio</c> (with its history and CSV) and <c>/api/findings</c>: read from the stored snapshots.</summary>
internal static class PortfolioApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().RequireAuthorization();
        api.MapGet("/balances", BalancesAsync).WithTags("Portfolio").WithName("ListBalances").WithSummary("Each connection's holdings from its latest snapshot.");
        api.MapGet("/portfolio", PortfolioAsync).WithTags("Portfolio").WithName("GetPortfolio").WithSummary("Totals by asset, exchange and connection in USD; stale values count and are marked.");
        api.MapGet("/portfolio/history", HistoryAsync).WithTags("Portfolio").WithName("GetPortfolioHistory").WithSummary("The total value over the last days (default 30).");
        api.MapGet("/portfolio/csv", CsvFileAsync).WithTags("Portfolio").WithName("ExportPortfolioCsv").WithSummary("Every holding of the latest snapshots as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/findings", FindingsAsync).WithTags("Key health").WithName("ListFindings").WithSummary("Every key's findings with their fixes, the most serious first (a key the exchange refuses counts as critical).");
    }

    private static async Task<Ok<IReadOnlyList<BalancesResponse>>> BalancesAsync(ConnectionService connections, CancellationToken cancellationToken)
    {
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<BalancesResponse>>([.. views.Select(v => new BalancesResponse(
            v.Connection.Id, v.Connection.Label, v.Connection.Exchange.ToName(), v.Latest?.TakenAt, v.IsStale, v.TotalUsd, ApiViews.Holdings(v.Latest), v.IsIncomplete, ApiViews.Wallets(v)))]);
    }

    private static async Task<Ok<PortfolioResponse>> PortfolioAsync(PortfolioService portfolio, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiViews.Portfolio(await portfolio.GetAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<IReadOnlyList<ValuePointResponse>>> HistoryAsync(int? days, PortfolioService portfolio, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - TimeSpan.FromDays(Math.Clamp(days ?? 30, 1, 3650));
        var points = await portfolio.GetHistoryAsync(since, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ValuePointResponse>>([.. points.Select(p => new ValuePointResponse(p.At, p.UsdValue, p.Incomplete))]);
    }

    private static async Task<FileContentHttpResult> CsvFileAsync(PortfolioService portfolio, CancellationToken cancellationToken) =>
        TypedResults.File(await CsvAsync(portfolio, cancellationToken).ConfigureAwait(false), "text/csv; charset=utf-8", "keyfolio-holdings.csv");

    /// <summary>The holdings CSV, as the API and the Portfolio page's download give it.</summary>
    public static async Task<byte[]> CsvAsync(PortfolioService portfolio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        await using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        await portfolio.WriteCsvAsync(writer, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static async Task<Ok<IReadOnlyList<KeyFindingsResponse>>> FindingsAsync(ConnectionService connections, CancellationToken cancellationToken)
    {
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<KeyFindingsResponse>>([.. Connections.KeyHealthOrder.WorstFirst(views).Select(v => new KeyFindingsResponse(
            v.Connection.Id,
            v.Connection.Label,
            v.Connection.Exchange.ToName(),
            ApiViews.Status(v.Status),
            v.Findings.Count == 0 ? null : ApiViews.Name(v.Findings.Max(f => f.Severity)),
            [.. v.Findings.OrderByDescending(f => f.Severity).Select(ApiViews.Finding)]))]);
    }
}
