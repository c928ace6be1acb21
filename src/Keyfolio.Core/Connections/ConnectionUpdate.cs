namespace Keyfolio.Core.Connections;

/// <summary>What was committed about a connection.</summary>
public enum ConnectionUpdateKind
{
    Added,
    KeyReplaced,
    Removed,
    Checked,
    SyncIntervalSet,
    Imported,

    /// <summary>A refresh wrote new holdings or the exchange's refusal.</summary>
    Synced,

    /// <summary>The sub-accounts listed, or one included or left out.</summary>
    SubAccountsChanged,

    /// <summary>Alerts were raised about the connections' state; the connection is not named.</summary>
    AlertsRaised,
}

/// <summary>One committed change: the connection it is about (null when it is about several) and its kind.</summary>
public sealed record ConnectionUpdate(string? ConnectionId, ConnectionUpdateKind Kind);
