using Keyfolio.Exchanges;

namespace Keyfolio.Core.Sync;

/// <summary>How a refresh of one connection ended.</summary>
public enum RefreshResult
{
    /// <summary>New holdings were written.</summary>
    Refreshed,

    /// <summary>The exchange refused or did not answer; the last good holdings stay, marked stale.</summary>
    Failed,

    /// <summary>Not attempted: the vault is locked, or policy pauses the connection (a key that can withdraw).</summary>
    Skipped,

    /// <summary>Postponed to keep within the exchange's rate limit; try again at <see cref="RefreshOutcome.RetryAt"/>.</summary>
    Deferred,
}

/// <summary>The outcome of refreshing one connection.</summary>
public sealed record RefreshOutcome(string ConnectionId, string Label, RefreshResult Result)
{
    public Diagnosis? Diagnosis { get; init; }

    public DateTimeOffset? RetryAt { get; init; }

    public CoreError? Error { get; init; }
}
