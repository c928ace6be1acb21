using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;

namespace Keyfolio.Core.Status;

/// <summary>What a status is computed from: the connection's last verification and sync, and whether the vault is locked.</summary>
public sealed record StatusInput(Connection Connection, DateTimeOffset Now)
{
    /// <summary>True when the vault is locked, so no call can be made with the key.</summary>
    public bool VaultLocked { get; init; }

    /// <summary>The connection's latest snapshot: a wallet missing from it makes the connection incomplete.</summary>
    public Snapshot? Latest { get; init; }

    /// <summary>The key's findings: a working connection whose key has some to look at does not say "nothing to do".</summary>
    public IReadOnlyList<Health.Finding> Findings { get; init; } = [];
}
