namespace Keyfolio.Web.Api.Models;

/// <summary>
/// Holdings across every connection from their latest snapshots, in USD; stale values count and say so. When a
/// wallet was not read, <c>incomplete</c> is true, the total is a lower bound, and <c>missingWallets</c> says which
/// and why.
/// </summary>
public sealed record PortfolioResponse(
    decimal TotalUsd,
    decimal StaleUsd,
    DateTimeOffset At,
    IReadOnlyList<AssetPositionResponse> ByAsset,
    IReadOnlyList<ExchangePositionResponse> ByExchange,
    IReadOnlyList<ConnectionPositionResponse> ByConnection,
    IReadOnlyList<UnpricedAssetResponse> Unpriced,
    bool Incomplete,
    int WalletsRead,
    int WalletsExpected,
    IReadOnlyList<WalletPositionResponse> ByWallet,
    IReadOnlyList<MissingWalletResponse> MissingWallets);

/// <summary>One asset across connections; <c>incomplete</c> when some wallet was not read, so the amount may be short.</summary>
public sealed record AssetPositionResponse(string Asset, decimal Amount, decimal? UsdPrice, decimal? UsdValue, decimal Share, bool Stale, bool Incomplete);

public sealed record ExchangePositionResponse(string Exchange, decimal UsdValue, decimal Share, int Connections, bool Stale, bool Incomplete);

/// <summary>One connection: <c>usdValue</c> holds its included sub-accounts, each also in <c>subAccounts</c>; <c>mainUsd</c> is the
/// key's own account alone.</summary>
public sealed record ConnectionPositionResponse(
    string Id,
    string Label,
    string Exchange,
    decimal UsdValue,
    DateTimeOffset? AsOf,
    bool Stale,
    long? AgeSeconds,
    bool Incomplete,
    int WalletsRead,
    int WalletsExpected,
    decimal MainUsd,
    IReadOnlyList<SubAccountPositionResponse> SubAccounts);

/// <summary>One included sub-account, valued as its own row under its connection; <c>incomplete</c> when one of its wallets was not read.</summary>
public sealed record SubAccountPositionResponse(string SubAccount, decimal UsdValue, bool Incomplete, int WalletsRead, int WalletsExpected, bool Stale);

/// <summary>One kind of wallet on one exchange: <c>wallet</c> is its kind, <c>name</c> its name in the request's language.</summary>
public sealed record WalletPositionResponse(string Exchange, string Wallet, string Name, decimal UsdValue, decimal Share, int Connections, int Missing, bool Stale);

/// <summary>A wallet not read: <c>outcome</c> is <c>notPermitted</c> (with the exchange's <c>right</c>) or <c>failed</c> (with its <c>category</c>).</summary>
public sealed record MissingWalletResponse(
    string ConnectionId,
    string Label,
    string Exchange,
    string Wallet,
    string Name,
    string? ExchangeWallet,
    string Outcome,
    string? Right,
    string? Category,
    string Reason,
    string Fix,
    decimal StaleUsd,
    DateTimeOffset? ValuesFrom,
    string? SubAccount);

public sealed record UnpricedAssetResponse(string Asset, decimal Amount);

/// <summary>The portfolio's value at one time; <c>incomplete</c> when a wallet counted in it was not read (the value a lower bound).</summary>
public sealed record ValuePointResponse(DateTimeOffset At, decimal UsdValue, bool Incomplete);

/// <summary>A connection's holdings from its latest snapshot.</summary>
public sealed record BalancesResponse(string ConnectionId, string Label, string Exchange, DateTimeOffset? AsOf, bool Stale, decimal TotalUsd, IReadOnlyList<HoldingResponse> Holdings, bool Incomplete, IReadOnlyList<WalletResponse> Wallets);

/// <summary>A key's findings, with the connection they belong to and its status (a refused key has no findings to show).</summary>
public sealed record KeyFindingsResponse(string ConnectionId, string Label, string Exchange, StatusResponse Status, string? WorstSeverity, IReadOnlyList<FindingResponse> Findings);
