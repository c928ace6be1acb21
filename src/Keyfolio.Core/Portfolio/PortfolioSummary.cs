using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>One asset across every connection. <see cref="IncludesStale"/>: part of it is a stale value (a stale
/// connection, or a failed wallet's last good value).</summary>
public sealed record AssetPosition(string Asset, decimal Amount, decimal? UsdPrice, decimal? UsdValue, decimal Share, bool IncludesStale);

/// <summary>One exchange's total across its connections; <see cref="Incomplete"/> when a wallet of one of them was
/// not read, so the value is a lower bound.</summary>
public sealed record ExchangePosition(ExchangeId Exchange, decimal UsdValue, decimal Share, int Connections, bool IncludesStale, bool Incomplete = false);

/// <summary>One included sub-account of a connection's (master) account, valued as its own row under the connection;
/// <see cref="Incomplete"/> when one of its wallets was not read, its value then a lower bound.</summary>
public sealed record SubAccountPosition(string SubAccount, decimal UsdValue, bool Incomplete, int WalletsRead, int WalletsExpected, bool IncludesStale);

/// <summary>One connection's total, as of its latest snapshot, with how many of its wallets were read. The total holds
/// the included sub-accounts, each also in <see cref="SubAccounts"/>; <see cref="MainUsd"/> is the key's own account.</summary>
public sealed record ConnectionPosition(
    string ConnectionId,
    string Label,
    ExchangeId Exchange,
    decimal UsdValue,
    DateTimeOffset? AsOf,
    bool IsStale,
    TimeSpan? Age,
    bool Incomplete = false,
    int WalletsRead = 0,
    int WalletsExpected = 0)
{
    /// <summary>The value of the key's own account, without its sub-accounts.</summary>
    public decimal MainUsd { get; init; } = UsdValue;

    /// <summary>The included sub-accounts read with this connection, each with its own value and outcome.</summary>
    public IReadOnlyList<SubAccountPosition> SubAccounts { get; init; } = [];
}

/// <summary>
/// One kind of wallet on one exchange across its connections (spot, funding, earn, futures…).
/// <see cref="Missing"/> counts the connections whose wallet of this kind was not read this time; its value then
/// holds only their last good values (<see cref="IncludesStale"/>) or nothing.
/// </summary>
public sealed record WalletPosition(ExchangeId Exchange, WalletKind Wallet, decimal UsdValue, decimal Share, int Connections, int Missing, bool IncludesStale);

/// <summary>
/// A wallet the latest reading of a connection missed: which, why (with the exchange's right or diagnosis) and the
/// fix, and the stale value kept for it (from <see cref="ValuesFrom"/>), if any.
/// </summary>
public sealed record MissingWallet(
    string ConnectionId,
    string Label,
    ExchangeId Exchange,
    WalletKind Wallet,
    string? AccountName,
    WalletOutcome Outcome,
    string? Right,
    DiagnosisCategory? Category,
    LocalizedText Reason,
    LocalizedText Fix,
    decimal StaleUsd,
    DateTimeOffset? ValuesFrom)
{
    /// <summary>The sub-account the wallet belongs to; null for the key's own account.</summary>
    public string? SubAccount { get; init; }
}

/// <summary>An asset held but priced nowhere: listed with its amount, never dropped.</summary>
public sealed record UnpricedAsset(string Asset, decimal Amount);

/// <summary>
/// Holdings across all connections from their latest snapshots: by asset, by exchange, by wallet and by connection,
/// with totals. Stale connections and failed wallets' last good values count in the totals and say so; a wallet
/// not read is listed in <see cref="Missing"/>, and the total is then a lower bound (<see cref="IsIncomplete"/>).
/// </summary>
public sealed record PortfolioSummary(
    decimal TotalUsd,
    decimal StaleUsd,
    IReadOnlyList<AssetPosition> ByAsset,
    IReadOnlyList<ExchangePosition> ByExchange,
    IReadOnlyList<ConnectionPosition> ByConnection,
    IReadOnlyList<UnpricedAsset> Unpriced,
    DateTimeOffset At)
{
    /// <summary>Every exchange's wallets, the exchanges in the order of <see cref="ByExchange"/>.</summary>
    public IReadOnlyList<WalletPosition> ByWallet { get; init; } = [];

    /// <summary>The wallets not read in the connections' latest readings.</summary>
    public IReadOnlyList<MissingWallet> Missing { get; init; } = [];

    /// <summary>True when a wallet was not read: <see cref="TotalUsd"/> is at least the value shown.</summary>
    public bool IsIncomplete => Missing.Count > 0;

    /// <summary>The wallets read, across every connection with a snapshot.</summary>
    public int WalletsRead { get; init; }

    /// <summary>The wallets there are to read, across every connection with a snapshot.</summary>
    public int WalletsExpected { get; init; }
}

/// <summary>The portfolio's value at one time; <see cref="Incomplete"/> when a connection's reading counted in it missed a
/// wallet, the value then a lower bound.</summary>
public sealed record ValuePoint(DateTimeOffset At, decimal UsdValue, bool Incomplete = false);

/// <summary>Whether a connection came or went.</summary>
public enum ConnectionChangeKind
{
    Added,
    Removed,
}

/// <summary>A connection added or removed at a moment: a step in the value over time that is neither gain nor loss.</summary>
public sealed record ConnectionChange(DateTimeOffset At, string ConnectionId, string Label, ConnectionChangeKind Kind);

/// <summary>One snapshot of a connection as its history lists it: when, its value, and whether every wallet was read.</summary>
public sealed record SnapshotSummary(DateTimeOffset TakenAt, decimal TotalUsd, bool IsComplete, int HoldingCount, int UnpricedCount);
