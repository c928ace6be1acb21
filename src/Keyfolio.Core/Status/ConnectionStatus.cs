using Keyfolio.Exchanges;

namespace Keyfolio.Core.Status;

/// <summary>A connection's status with its explanation and fix in every language Keyfolio speaks.</summary>
public sealed record ConnectionStatus(ConnectionStatusCode Code, LocalizedText Title, LocalizedText Explanation, LocalizedText Fix)
{
    /// <summary>Rate limited: when calls resume. Expires soon: when the key expires.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Expires soon: whole days left.</summary>
    public int? DaysLeft { get; init; }

    /// <summary>The scheduler leaves the connection alone (a key that can withdraw without the person's consent).</summary>
    public bool SyncPaused { get; init; }

    /// <summary>The exchange's refusal behind the status, when there is one.</summary>
    public Diagnosis? Diagnosis { get; init; }

    /// <summary>A status that means the key does not work as it is (everything above withdrawal enabled).</summary>
    public bool IsKeyProblem => Code is > ConnectionStatusCode.VaultLocked and < ConnectionStatusCode.WithdrawalEnabled;
}
