using System.Text.Json;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Status;
using Keyfolio.Exchanges;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Localization;

namespace Keyfolio.Web.Api;

/// <summary>The core's views as the API's answers, in the request's language. Nothing here can carry a secret: the
/// core's views hold none, and the API key is shown by its last four characters only.</summary>
internal static class ApiViews
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string MaskedKey(string lastFour) => "****" + lastFour;

    public static ConnectionResponse Connection(ConnectionView view, bool withHoldings)
    {
        var connection = view.Connection;
        var facts = connection.Facts;
        return new ConnectionResponse(
            connection.Id,
            connection.Label,
            connection.Exchange.ToName(),
            connection.Region,
            Name(connection.Environment),
            connection.CustomBaseUrl?.ToString(),
            MaskedKey(connection.ApiKeyLastFour),
            facts is null ? [] : [.. facts.Permissions.Where(p => p.Value == PermissionState.Granted).Select(p => Name(p.Key))],
            facts?.IpWhitelist,
            Status(view.Status),
            [.. view.Findings.Select(Finding)],
            view.TotalUsd,
            view.IsStale,
            view.Latest?.TakenAt,
            view.Age is { } age ? (long)age.TotalSeconds : null,
            connection.LastSuccessAt,
            facts?.Expiry?.At,
            withHoldings ? Holdings(view.Latest) : null,
            view.IsIncomplete,
            view.Latest?.WalletsRead ?? 0,
            view.Latest?.WalletsExpected ?? 0,
            Wallets(view));
    }

    public static IReadOnlyList<WalletResponse> Wallets(ConnectionView view) =>
        view.Latest is not { } latest
            ? []
            : [.. latest.Wallets.Select(w => new WalletResponse(
                Name(w.Wallet),
                WalletTexts.Name(w.Wallet).Current(),
                w.AccountName,
                Name(w.Outcome),
                w.Right,
                w.Failure is { } category ? Name(category) : null,
                w.IsMissing ? WalletTexts.Reason(w, view.Connection.Exchange).Current() : null,
                w.IsMissing ? WalletTexts.Fix(w, view.Connection.Exchange).Current() : null,
                w.ValuesFrom,
                w.SubAccount))];

    public static StatusResponse Status(ConnectionStatus status) => new(
        Name(status.Code),
        status.Title.Current(),
        status.Explanation.Current(),
        status.Fix.Current(),
        status.Until,
        status.DaysLeft,
        status.SyncPaused,
        status.Diagnosis is { } diagnosis ? Diagnosis(diagnosis) : null);

    public static FindingResponse Finding(Finding finding) =>
        new(Name(finding.Kind), Name(finding.Severity), finding.Message.Current(), finding.Fix.Current(), finding.At);

    public static DiagnosisResponse Diagnosis(Diagnosis diagnosis) => new(
        Name(diagnosis.Category),
        diagnosis.Exchange.ToName(),
        diagnosis.ExchangeCode,
        diagnosis.ExchangeMessage,
        diagnosis.HttpStatus,
        diagnosis.RetryAt,
        diagnosis.CallerIp);

    public static IReadOnlyList<HoldingResponse> Holdings(Snapshot? snapshot) =>
        snapshot is null
            ? []
            : [.. snapshot.Holdings.Select(h => new HoldingResponse(Name(h.Wallet), h.Asset, h.ExchangeAsset, h.Free, h.Locked, h.Total, h.UsdPrice, h.UsdValue, snapshot.IsStale(h), h.SubAccount))];

    public static PortfolioResponse Portfolio(PortfolioSummary summary) => new(
        summary.TotalUsd,
        summary.StaleUsd,
        summary.At,
        [.. summary.ByAsset.Select(a => new AssetPositionResponse(a.Asset, a.Amount, a.UsdPrice, a.UsdValue, a.Share, a.IncludesStale, summary.IsIncomplete))],
        [.. summary.ByExchange.Select(e => new ExchangePositionResponse(e.Exchange.ToName(), e.UsdValue, e.Share, e.Connections, e.IncludesStale, e.Incomplete))],
        [.. summary.ByConnection.Select(c => new ConnectionPositionResponse(
            c.ConnectionId,
            c.Label,
            c.Exchange.ToName(),
            c.UsdValue,
            c.AsOf,
            c.IsStale,
            c.Age is { } age ? (long)age.TotalSeconds : null,
            c.Incomplete,
            c.WalletsRead,
            c.WalletsExpected,
            c.MainUsd,
            [.. c.SubAccounts.Select(s => new SubAccountPositionResponse(s.SubAccount, s.UsdValue, s.Incomplete, s.WalletsRead, s.WalletsExpected, s.IncludesStale))]))],
        [.. summary.Unpriced.Select(u => new UnpricedAssetResponse(u.Asset, u.Amount))],
        summary.IsIncomplete,
        summary.WalletsRead,
        summary.WalletsExpected,
        [.. summary.ByWallet.Select(w => new WalletPositionResponse(w.Exchange.ToName(), Name(w.Wallet), WalletTexts.Name(w.Wallet).Current(), w.UsdValue, w.Share, w.Connections, w.Missing, w.IncludesStale))],
        [.. summary.Missing.Select(MissingWallet)]);

    public static MissingWalletResponse MissingWallet(MissingWallet wallet) => new(
        ConnectionId: wallet.ConnectionId,
        Label: wallet.Label,
        Exchange: wallet.Exchange.ToName(),
        Wallet: Name(wallet.Wallet),
        Name: WalletTexts.Name(wallet.Wallet).Current(),
        ExchangeWallet: wallet.AccountName,
        Outcome: Name(wallet.Outcome),
        Right: wallet.Right,
        Category: wallet.Category is { } category ? Name(category) : null,
        Reason: wallet.Reason.Current(),
        Fix: wallet.Fix.Current(),
        StaleUsd: wallet.StaleUsd,
        ValuesFrom: wallet.ValuesFrom,
        SubAccount: wallet.SubAccount);

    public static RemovedConnectionResponse Removed(RemovedConnection removed) =>
        new(removed.Label, removed.Exchange.ToName(), removed.HistoryDeleted, removed.ApiManagementPage, removed.Reminder.Current());

    public static SubAccountsResponse SubAccounts(ConnectionView view, SubAccountList list)
    {
        var reading = view.Connection.Descriptor.SubAccounts;
        return new SubAccountsResponse(
            view.Connection.Id,
            view.Connection.Label,
            reading is not null,
            (reading?.Requirement ?? view.Connection.Descriptor.SubAccountsByOwnKey)?.Current(),
            reading is null ? [] : [.. reading.Wallets.Select(Name)],
            list.ListedAt,
            list.Refusal is { } refusal ? Diagnosis(refusal) : null,
            [.. list.SubAccounts.Select(s => new SubAccountResponse(s.Id, s.Note, s.Frozen, s.Included, s.Listed))]);
    }
}
