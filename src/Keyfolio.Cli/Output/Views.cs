using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;
using Spectre.Console;

namespace Keyfolio.Cli.Output;

/// <summary>Connections and portfolios as tables for people and as the stable JSON documented in docs/cli.md.</summary>
internal static class Views
{
    public static object ToJson(ConnectionView view, string language) => new
    {
        id = view.Connection.Id,
        label = view.Connection.Label,
        exchange = view.Connection.Exchange.ToName(),
        region = view.Connection.Region,
        environment = view.Connection.Environment,
        apiUrl = view.Connection.CustomBaseUrl,
        apiKey = "****" + view.Connection.ApiKeyLastFour,
        permissions = view.Connection.Facts?.Permissions.Where(p => p.Value == PermissionState.Granted).Select(p => p.Key).Order().ToArray(),
        status = new
        {
            code = view.Status.Code,
            title = view.Status.Title.In(language),
            explanation = view.Status.Explanation.In(language),
            fix = view.Status.Fix.In(language),
            until = view.Status.Until,
            daysLeft = view.Status.DaysLeft,
            syncPaused = view.Status.SyncPaused,
        },
        findings = view.Findings.Select(f => new { kind = f.Kind, severity = f.Severity, message = f.Message.In(language), fix = f.Fix.In(language) }).ToArray(),
        totalUsd = Plain(view.TotalUsd),
        stale = view.IsStale,
        asOf = view.Latest?.TakenAt,
        ageSeconds = view.Age is { } age ? (long?)age.TotalSeconds : null,
        holdings = view.Latest?.Holdings.Select(h => new { wallet = h.Wallet, asset = h.Asset, free = Plain(h.Free), locked = Plain(h.Locked), total = Plain(h.Total), usdPrice = Plain(h.UsdPrice), usdValue = Plain(h.UsdValue) }).ToArray() ?? [],
    };

    public static object ToJson(PortfolioSummary summary) => new
    {
        totalUsd = Plain(summary.TotalUsd),
        staleUsd = Plain(summary.StaleUsd),
        at = summary.At,
        byAsset = summary.ByAsset.Select(a => new { asset = a.Asset, amount = Plain(a.Amount), usdPrice = Plain(a.UsdPrice), usdValue = Plain(a.UsdValue), share = a.Share, stale = a.IncludesStale }).ToArray(),
        byExchange = summary.ByExchange.Select(e => new { exchange = e.Exchange.ToName(), usdValue = Plain(e.UsdValue), share = e.Share, connections = e.Connections, stale = e.IncludesStale }).ToArray(),
        byConnection = summary.ByConnection.Select(c => new { label = c.Label, exchange = c.Exchange.ToName(), usdValue = Plain(c.UsdValue), asOf = c.AsOf, stale = c.IsStale, ageSeconds = c.Age is { } age ? (long?)age.TotalSeconds : null }).ToArray(),
        unpriced = summary.Unpriced.Select(u => new { asset = u.Asset, amount = Plain(u.Amount) }).ToArray(),
    };

    public static Table ConnectionsTable(IEnumerable<ConnectionView> views, CliSession session)
    {
        var table = new Table().AddColumns(
            session.T(Texts.Connection),
            session.T(Texts.Exchange),
            session.T(Texts.Key),
            session.T(Texts.Status),
            session.T(Texts.Value),
            session.T(Texts.Updated),
            session.T(Texts.Findings));
        table.Columns[4].RightAligned();
        foreach (var view in views)
        {
            var status = view.Status.IsKeyProblem || view.Status.SyncPaused ? $"[red]{Markup.Escape(session.T(view.Status.Title))}[/]" : Markup.Escape(session.T(view.Status.Title));
            var worst = view.Findings.FirstOrDefault();
            table.AddRow(
                Markup.Escape(view.Connection.Label),
                Markup.Escape(view.Connection.Descriptor.DisplayName),
                "****" + Markup.Escape(view.Connection.ApiKeyLastFour),
                status,
                Money(view.TotalUsd),
                Markup.Escape(Age(view, session)),
                worst is null ? "-" : Markup.Escape($"{worst.Severity}: {session.T(worst.Message)}" + (view.Findings.Count > 1 ? $" (+{view.Findings.Count - 1})" : string.Empty)));
        }

        return table;
    }

    public static void WriteConnection(ConnectionView view, CliSession session)
    {
        session.Console.Write(ConnectionsTable([view], session));
        session.Line($"{session.T(Texts.Status)}: {session.T(view.Status.Title)} — {session.T(view.Status.Explanation)}");
        if (view.Status.Code != Core.Status.ConnectionStatusCode.Connected)
        {
            session.Line($"{session.T(Texts.Fix)}: {session.T(view.Status.Fix)}");
        }

        foreach (var finding in view.Findings)
        {
            session.Line($"- {finding.Severity}: {session.T(finding.Message)}");
            session.Line($"  {session.T(Texts.Fix)}: {session.T(finding.Fix)}");
        }
    }

    public static void WritePortfolio(PortfolioSummary summary, CliSession session)
    {
        var assets = new Table().AddColumns(session.T(Texts.Asset), session.T(Texts.Amount), session.T(Texts.Price), session.T(Texts.Value));
        assets.Columns[1].RightAligned();
        assets.Columns[2].RightAligned();
        assets.Columns[3].RightAligned();
        foreach (var asset in summary.ByAsset)
        {
            assets.AddRow(
                Markup.Escape(asset.Asset + (asset.IncludesStale ? " (" + session.T(Texts.Stale) + ")" : string.Empty)),
                Plain(asset.Amount).ToString(CultureInfo.InvariantCulture),
                Plain(asset.UsdPrice)?.ToString(CultureInfo.InvariantCulture) ?? session.T(Texts.Unpriced),
                asset.UsdValue is { } value ? Money(value) : session.T(Texts.Unpriced));
        }

        assets.AddRow(session.T(Texts.Total), string.Empty, string.Empty, Money(summary.TotalUsd));
        session.Console.Write(assets);
        var exchanges = new Table().AddColumns(session.T(Texts.Connection), session.T(Texts.Exchange), session.T(Texts.Value), session.T(Texts.Updated));
        exchanges.Columns[2].RightAligned();
        foreach (var connection in summary.ByConnection)
        {
            exchanges.AddRow(
                Markup.Escape(connection.Label),
                Markup.Escape(ExchangeCatalog.Get(connection.Exchange).DisplayName),
                Money(connection.UsdValue),
                Markup.Escape(connection.AsOf is null ? "-" : FormatAge(connection.Age) + (connection.IsStale ? " (" + session.T(Texts.Stale) + ")" : string.Empty)));
        }

        session.Console.Write(exchanges);
    }

    /// <summary>The value without the trailing zeros an exchange's scale leaves (0.45000000 → 0.45).</summary>
    public static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Plain(decimal? value) => value is { } v ? Plain(v) : null;

    public static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Age(ConnectionView view, CliSession session) =>
        view.Latest is null ? "-" : FormatAge(view.Age) + (view.IsStale ? " (" + session.T(Texts.Stale) + ")" : string.Empty);

    private static string FormatAge(TimeSpan? age) => age switch
    {
        null => "-",
        { TotalMinutes: < 1 } => "now",
        { TotalHours: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalMinutes} min ago"),
        { TotalDays: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalHours} h ago"),
        { } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalDays} d ago"),
    };
}
