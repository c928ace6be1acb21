using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>One asset across every connection.</summary>
public sealed record AssetPosition(string Asset, decimal Amount, decimal? UsdPrice, decimal? UsdValue, decimal Share, bool IncludesStale);

/// <summary>One exchange's total across its connections.</summary>
public sealed record ExchangePosition(ExchangeId Exchange, decimal UsdValue, decimal Share, int Connections, bool IncludesStale);

/// <summary>One connection's total, as of its latest snapshot.</summary>
public sealed record ConnectionPosition(string ConnectionId, string Label, ExchangeId Exchange, decimal UsdValue, DateTimeOffset? AsOf, bool IsStale, TimeSpan? Age);

/// <summary>An asset held but priced nowhere: listed with its amount, never dropped.</summary>
public sealed record UnpricedAsset(string Asset, decimal Amount);

/// <summary>
/// Holdings across all connections from their latest snapshots: by asset, by exchange and by connection, with totals.
/// Stale connections count in the totals and say so.
/// </summary>
public sealed record PortfolioSummary(
    decimal TotalUsd,
    decimal StaleUsd,
    IReadOnlyList<AssetPosition> ByAsset,
    IReadOnlyList<ExchangePosition> ByExchange,
    IReadOnlyList<ConnectionPosition> ByConnection,
    IReadOnlyList<UnpricedAsset> Unpriced,
    DateTimeOffset At);

/// <summary>The portfolio's value at one time.</summary>
public sealed record ValuePoint(DateTimeOffset At, decimal UsdValue);

/// <summary>One snapshot of a connection as its history lists it: when, its value, and whether every wallet was read.</summary>
public sealed record SnapshotSummary(DateTimeOffset TakenAt, decimal TotalUsd, bool IsComplete, int HoldingCount, int UnpricedCount);
