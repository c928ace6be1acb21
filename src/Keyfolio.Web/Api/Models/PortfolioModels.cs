namespace Keyfolio.Web.Api.Models;

/// <summary>Holdings across every connection from their latest snapshots, in USD; stale values count and say so.</summary>
public sealed record PortfolioResponse(
    decimal TotalUsd,
    decimal StaleUsd,
    DateTimeOffset At,
    IReadOnlyList<AssetPositionResponse> ByAsset,
    IReadOnlyList<ExchangePositionResponse> ByExchange,
    IReadOnlyList<ConnectionPositionResponse> ByConnection,
    IReadOnlyList<UnpricedAssetResponse> Unpriced);

public sealed record AssetPositionResponse(string Asset, decimal Amount, decimal? UsdPrice, decimal? UsdValue, decimal Share, bool Stale);

public sealed record ExchangePositionResponse(string Exchange, decimal UsdValue, decimal Share, int Connections, bool Stale);

public sealed record ConnectionPositionResponse(string Id, string Label, string Exchange, decimal UsdValue, DateTimeOffset? AsOf, bool Stale, long? AgeSeconds);

public sealed record UnpricedAssetResponse(string Asset, decimal Amount);

/// <summary>The portfolio's value at one time.</summary>
public sealed record ValuePointResponse(DateTimeOffset At, decimal UsdValue);

/// <summary>A connection's holdings from its latest snapshot.</summary>
public sealed record BalancesResponse(string ConnectionId, string Label, string Exchange, DateTimeOffset? AsOf, bool Stale, decimal TotalUsd, IReadOnlyList<HoldingResponse> Holdings);

/// <summary>A key's findings, with the connection they belong to and its status (a refused key has no findings to show).</summary>
public sealed record KeyFindingsResponse(string ConnectionId, string Label, string Exchange, StatusResponse Status, string? WorstSeverity, IReadOnlyList<FindingResponse> Findings);
