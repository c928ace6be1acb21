using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Status;

namespace Keyfolio.Core.Connections;

/// <summary>
/// A connection as lists show it: its record, its one status, its key-health findings and its latest holdings,
/// marked stale (with their age) when the last contact failed or is overdue.
/// </summary>
public sealed record ConnectionView(Connection Connection, ConnectionStatus Status, IReadOnlyList<Finding> Findings, Snapshot? Latest)
{
    /// <summary>The holdings are not current: the last refresh failed, or none succeeded for two sync periods.</summary>
    public bool IsStale { get; init; }

    /// <summary>How old the holdings are.</summary>
    public TimeSpan? Age { get; init; }

    public decimal TotalUsd => Latest?.TotalUsd ?? 0m;

    /// <summary>The latest reading missed a wallet (refused or failed): <see cref="TotalUsd"/> is a lower bound.</summary>
    public bool IsIncomplete => Latest is { IsComplete: false };
}

/// <summary>What removing a connection did, and the reminder to delete the key on the exchange as well.</summary>
public sealed record RemovedConnection(string Label, Keyfolio.Exchanges.ExchangeId Exchange, Uri ApiManagementPage, bool HistoryDeleted, Keyfolio.Exchanges.LocalizedText Reminder);
