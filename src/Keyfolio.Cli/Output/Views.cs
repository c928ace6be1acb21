using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;
using Spectre.Console;

namespace Keyfolio.Cli.Output;

/// <summary>Connections and portfolios as tables for people and as the stable JSON documented in docs/cli.md.</summary>
internal static class Views
{
    public static object ToJson(ConnectionView view, CultureInfo culture) => new
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
            title = view.Status.Title.For(culture),
            explanation = view.Status.Explanation.For(culture),
            fix = view.Status.Fix.For(culture),
            until = view.Status.Until,
            daysLeft = view.Status.DaysLeft,
            syncPaused = view.Status.SyncPaused,
        },
        findings = view.Findings.Select(f => new { kind = f.Kind, severity = f.Severity, message = f.Message.For(culture), fix = f.Fix.For(culture) }).ToArray(),
        totalUsd = Plain(view.TotalUsd),
        stale = view.IsStale,
        asOf = view.Latest?.TakenAt,
        ageSeconds = view.Age is { } age ? (long?)age.TotalSeconds : null,
        holdings = view.Latest?.Holdings.Select(h => new { wallet = h.Wallet, asset = h.Asset, free = Plain(h.Free), locked = Plain(h.Locked), total = Plain(h.Total), usdPrice = Plain(h.UsdPrice), usdValue = Plain(h.UsdValue), stale = view.Latest.IsStale(h), subAccount = h.SubAccount }).ToArray() ?? [],
        incomplete = view.IsIncomplete,
        walletsRead = view.Latest?.WalletsRead ?? 0,
        walletsExpected = view.Latest?.WalletsExpected ?? 0,
        wallets = view.Latest?.Wallets.Select(w => new
        {
            wallet = w.Wallet,
            name = WalletTexts.Name(w.Wallet).For(culture),
            exchangeWallet = w.AccountName,
            outcome = w.Outcome,
            right = w.Right,
            category = w.Failure,
            reason = w.IsMissing ? WalletTexts.Reason(w, view.Connection.Exchange).For(culture) : null,
            fix = w.IsMissing ? WalletTexts.Fix(w, view.Connection.Exchange).For(culture) : null,
            valuesFrom = w.ValuesFrom,
            subAccount = w.SubAccount,
        }).ToArray() ?? [],
    };

    /// <summary>A connection's sub-accounts for <c>keyfolio subaccounts --json</c>.</summary>
    public static object ToJson(ConnectionView view, SubAccountList list, CultureInfo culture) => new
    {
        label = view.Connection.Label,
        exchange = view.Connection.Exchange.ToName(),
        offered = view.Connection.Descriptor.SubAccounts is not null,
        requirement = (view.Connection.Descriptor.SubAccounts?.Requirement ?? view.Connection.Descriptor.SubAccountsByOwnKey)?.For(culture),
        listedAt = list.ListedAt,
        refusal = list.Refusal is { } refusal ? new { category = refusal.Category, exchangeCode = refusal.ExchangeCode, exchangeMessage = refusal.ExchangeMessage } : null,
        subAccounts = list.SubAccounts.Select(s => new
        {
            id = s.Id,
            note = s.Note,
            frozen = s.Frozen,
            included = s.Included,
            listed = s.Listed,
            usdValue = s.Included && view.Latest is { } latest && latest.SubAccounts.Contains(s.Id) ? Plain(latest.Part(s.Id).TotalUsd) : (decimal?)null,
            incomplete = s.Included && view.Latest is { } part && part.SubAccounts.Contains(s.Id) && !part.Part(s.Id).IsComplete,
        }).ToArray(),
    };

    public static void WriteSubAccounts(ConnectionView view, SubAccountList list, CliSession session)
    {
        var descriptor = view.Connection.Descriptor;
        if (descriptor.SubAccounts is not { } reading)
        {
            session.Line((descriptor.SubAccountsByOwnKey ?? Texts.NoSubAccountReading(descriptor.DisplayName)).For(session.Culture));
            return;
        }

        session.Line(reading.Requirement.For(session.Culture));
        if (list.Refusal is { } refusal)
        {
            session.Line(Texts.SubAccountsRefused(descriptor.DisplayName, $"{refusal.ExchangeCode} {refusal.ExchangeMessage}".Trim()).For(session.Culture));
        }
        else if (list.ListedAt is null)
        {
            session.Line(Texts.SubAccountsNotListed.For(session.Culture));
        }
        else if (list.SubAccounts.Count == 0)
        {
            session.Line(Texts.SubAccountsNone.For(session.Culture));
        }

        if (list.SubAccounts.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns(Texts.SubAccount.For(session.Culture), Texts.Note.For(session.Culture), Texts.Included.For(session.Culture), Texts.Value.For(session.Culture));
        table.Columns[3].RightAligned();
        foreach (var sub in list.SubAccounts)
        {
            var part = sub.Included && view.Latest is { } latest && latest.SubAccounts.Contains(sub.Id) ? latest.Part(sub.Id) : null;
            var notes = (sub.Listed ? string.Empty : " (" + Texts.NoLongerListed.For(session.Culture) + ")") + (sub.Frozen ? " (" + Texts.Frozen.For(session.Culture) + ")" : string.Empty);
            table.AddRow(
                Markup.Escape(sub.Id + notes),
                Markup.Escape(sub.Note ?? string.Empty),
                Markup.Escape((sub.Included ? Texts.Yes : Texts.No).For(session.Culture)),
                part is null ? "-" : part.IsComplete ? Money(part.TotalUsd) : AtLeast(part.TotalUsd) + " " + Markup.Escape("(" + WalletTexts.Counted(part.WalletsRead, part.WalletsExpected).For(session.Culture) + ")"));
        }

        session.Console.Write(table);
    }

    public static object ToJson(PortfolioSummary summary, CultureInfo culture) => new
    {
        totalUsd = Plain(summary.TotalUsd),
        staleUsd = Plain(summary.StaleUsd),
        at = summary.At,
        incomplete = summary.IsIncomplete,
        walletsRead = summary.WalletsRead,
        walletsExpected = summary.WalletsExpected,
        byAsset = summary.ByAsset.Select(a => new { asset = a.Asset, amount = Plain(a.Amount), usdPrice = Plain(a.UsdPrice), usdValue = Plain(a.UsdValue), share = a.Share, stale = a.IncludesStale, incomplete = summary.IsIncomplete }).ToArray(),
        byExchange = summary.ByExchange.Select(e => new { exchange = e.Exchange.ToName(), usdValue = Plain(e.UsdValue), share = e.Share, connections = e.Connections, stale = e.IncludesStale, incomplete = e.Incomplete }).ToArray(),
        byWallet = summary.ByWallet.Select(w => new { exchange = w.Exchange.ToName(), wallet = w.Wallet, name = WalletTexts.Name(w.Wallet).For(culture), usdValue = Plain(w.UsdValue), share = w.Share, connections = w.Connections, missing = w.Missing, stale = w.IncludesStale }).ToArray(),
        byConnection = summary.ByConnection.Select(c => new
        {
            label = c.Label,
            exchange = c.Exchange.ToName(),
            usdValue = Plain(c.UsdValue),
            asOf = c.AsOf,
            stale = c.IsStale,
            ageSeconds = c.Age is { } age ? (long?)age.TotalSeconds : null,
            incomplete = c.Incomplete,
            walletsRead = c.WalletsRead,
            walletsExpected = c.WalletsExpected,
            mainUsd = Plain(c.MainUsd),
            subAccounts = c.SubAccounts.Select(s => new { subAccount = s.SubAccount, usdValue = Plain(s.UsdValue), incomplete = s.Incomplete, walletsRead = s.WalletsRead, walletsExpected = s.WalletsExpected, stale = s.IncludesStale }).ToArray(),
        }).ToArray(),
        missingWallets = summary.Missing.Select(m => new
        {
            label = m.Label,
            exchange = m.Exchange.ToName(),
            wallet = m.Wallet,
            name = WalletTexts.Name(m.Wallet).For(culture),
            exchangeWallet = m.AccountName,
            outcome = m.Outcome,
            right = m.Right,
            category = m.Category,
            reason = m.Reason.For(culture),
            fix = m.Fix.For(culture),
            staleUsd = Plain(m.StaleUsd),
            valuesFrom = m.ValuesFrom,
            subAccount = m.SubAccount,
        }).ToArray(),
        unpriced = summary.Unpriced.Select(u => new { asset = u.Asset, amount = Plain(u.Amount) }).ToArray(),
    };

    public static Table ConnectionsTable(IEnumerable<ConnectionView> views, CliSession session)
    {
        var table = new Table().AddColumns(
            Texts.Connection.For(session.Culture),
            Texts.Exchange.For(session.Culture),
            Texts.Key.For(session.Culture),
            Texts.Status.For(session.Culture),
            Texts.Value.For(session.Culture),
            Texts.Updated.For(session.Culture),
            Texts.Findings.For(session.Culture));
        table.Columns[4].RightAligned();
        foreach (var view in views)
        {
            var status = view.Status.IsKeyProblem || view.Status.SyncPaused ? $"[red]{Markup.Escape(view.Status.Title.For(session.Culture))}[/]" : Markup.Escape(view.Status.Title.For(session.Culture));
            var worst = view.Findings.FirstOrDefault();
            table.AddRow(
                Markup.Escape(view.Connection.Label),
                Markup.Escape(view.Connection.Descriptor.DisplayName),
                "****" + Markup.Escape(view.Connection.ApiKeyLastFour),
                status,
                view.IsIncomplete ? AtLeast(view.TotalUsd) + " " + Markup.Escape("(" + WalletTexts.Counted(view.Latest!.WalletsRead, view.Latest.WalletsExpected).For(session.Culture) + ")") : Money(view.TotalUsd),
                Markup.Escape(Age(view, session)),
                worst is null ? "-" : Markup.Escape($"{worst.Severity}: {worst.Message.For(session.Culture)}" + (view.Findings.Count > 1 ? $" (+{view.Findings.Count - 1})" : string.Empty)));
        }

        return table;
    }

    public static void WriteConnection(ConnectionView view, CliSession session)
    {
        session.Console.Write(ConnectionsTable([view], session));
        session.Line($"{Texts.Status.For(session.Culture)}: {view.Status.Title.For(session.Culture)} — {view.Status.Explanation.For(session.Culture)}");
        if (view.Status.Code != Core.Status.ConnectionStatusCode.Connected)
        {
            session.Line($"{Texts.Fix.For(session.Culture)}: {view.Status.Fix.For(session.Culture)}");
        }

        foreach (var finding in view.Findings)
        {
            session.Line($"- {finding.Severity}: {finding.Message.For(session.Culture)}");
            session.Line($"  {Texts.Fix.For(session.Culture)}: {finding.Fix.For(session.Culture)}");
        }
    }

    public static void WritePortfolio(PortfolioSummary summary, CliSession session)
    {
        var assets = new Table().AddColumns(Texts.Asset.For(session.Culture), Texts.Amount.For(session.Culture), Texts.Price.For(session.Culture), Texts.Value.For(session.Culture));
        assets.Columns[1].RightAligned();
        assets.Columns[2].RightAligned();
        assets.Columns[3].RightAligned();
        foreach (var asset in summary.ByAsset)
        {
            assets.AddRow(
                Markup.Escape(asset.Asset + (asset.IncludesStale ? " (" + Texts.Stale.For(session.Culture) + ")" : string.Empty)),
                Plain(asset.Amount).ToString(CultureInfo.InvariantCulture),
                Plain(asset.UsdPrice)?.ToString(CultureInfo.InvariantCulture) ?? Texts.Unpriced.For(session.Culture),
                asset.UsdValue is { } value ? Money(value) : Texts.Unpriced.For(session.Culture));
        }

        assets.AddRow(
            Markup.Escape(Texts.Total.For(session.Culture) + (summary.IsIncomplete ? " (" + WalletTexts.Counted(summary.WalletsRead, summary.WalletsExpected).For(session.Culture) + ")" : string.Empty)),
            string.Empty,
            string.Empty,
            summary.IsIncomplete ? AtLeast(summary.TotalUsd) : Money(summary.TotalUsd));
        session.Console.Write(assets);
        var wallets = new Table().AddColumns(Texts.Exchange.For(session.Culture), Texts.Wallet.For(session.Culture), Texts.Value.For(session.Culture));
        wallets.Columns[2].RightAligned();
        foreach (var wallet in summary.ByWallet)
        {
            var notes = (wallet.Missing > 0 ? " (" + Texts.NotRead.For(session.Culture) + ")" : string.Empty) + (wallet.IncludesStale ? " (" + Texts.Stale.For(session.Culture) + ")" : string.Empty);
            wallets.AddRow(
                Markup.Escape(ExchangeCatalog.Get(wallet.Exchange).DisplayName),
                Markup.Escape(WalletTexts.Name(wallet.Wallet).For(session.Culture) + notes),
                wallet.Missing > 0 ? AtLeast(wallet.UsdValue) : Money(wallet.UsdValue));
        }

        session.Console.Write(wallets);
        var exchanges = new Table().AddColumns(Texts.Connection.For(session.Culture), Texts.Exchange.For(session.Culture), Texts.Value.For(session.Culture), Texts.Updated.For(session.Culture));
        exchanges.Columns[2].RightAligned();
        foreach (var connection in summary.ByConnection)
        {
            exchanges.AddRow(
                Markup.Escape(connection.Label + (connection.Incomplete ? " (" + WalletTexts.Counted(connection.WalletsRead, connection.WalletsExpected).For(session.Culture) + ")" : string.Empty)),
                Markup.Escape(ExchangeCatalog.Get(connection.Exchange).DisplayName),
                connection.Incomplete ? AtLeast(connection.UsdValue) : Money(connection.UsdValue),
                Markup.Escape(connection.AsOf is null ? "-" : FormatAge(connection.Age) + (connection.IsStale ? " (" + Texts.Stale.For(session.Culture) + ")" : string.Empty)));
            if (connection.SubAccounts.Count > 0)
            {
                exchanges.AddRow(Markup.Escape(Texts.MainAccountRow.For(session.Culture)), string.Empty, Money(connection.MainUsd), string.Empty);
            }

            foreach (var sub in connection.SubAccounts)
            {
                exchanges.AddRow(
                    Markup.Escape(Texts.SubAccountRow(sub.SubAccount).For(session.Culture) + (sub.Incomplete ? " (" + WalletTexts.Counted(sub.WalletsRead, sub.WalletsExpected).For(session.Culture) + ")" : string.Empty)),
                    string.Empty,
                    sub.Incomplete ? AtLeast(sub.UsdValue) : Money(sub.UsdValue),
                    sub.IncludesStale ? Markup.Escape(Texts.Stale.For(session.Culture)) : string.Empty);
            }
        }

        session.Console.Write(exchanges);
        if (summary.IsIncomplete)
        {
            session.Line(Texts.Incomplete.For(session.Culture));
            foreach (var missing in summary.Missing)
            {
                session.Line($"- {missing.Label}{(missing.SubAccount is { } sub ? " · " + Texts.SubAccountRow(sub).For(session.Culture).Trim() : string.Empty)} · {WalletTexts.Name(missing.Wallet).For(session.Culture)}: {WalletTexts.Outcome(missing.Outcome).For(session.Culture)}. {missing.Reason.For(session.Culture)}"
                    + (missing.ValuesFrom is { } from ? " (" + WalletTexts.ValuesFrom(from).For(session.Culture) + ")" : string.Empty));
                session.Line($"  {Texts.Fix.For(session.Culture)}: {missing.Fix.For(session.Culture)}");
            }
        }
    }

    /// <summary>A lower bound: the value read when a wallet was not.</summary>
    public static string AtLeast(decimal value) => "≥ " + Money(value);

    /// <summary>The value without the trailing zeros an exchange's scale leaves (0.45000000 → 0.45).</summary>
    public static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Plain(decimal? value) => value is { } v ? Plain(v) : null;

    public static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Age(ConnectionView view, CliSession session) =>
        view.Latest is null ? "-" : FormatAge(view.Age) + (view.IsStale ? " (" + Texts.Stale.For(session.Culture) + ")" : string.Empty);

    private static string FormatAge(TimeSpan? age) => age switch
    {
        null => "-",
        { TotalMinutes: < 1 } => "now",
        { TotalHours: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalMinutes} min ago"),
        { TotalDays: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalHours} h ago"),
        { } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalDays} d ago"),
    };
}
