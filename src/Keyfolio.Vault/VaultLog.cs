using Microsoft.Extensions.Logging;

namespace Keyfolio.Vault;

/// <summary>
/// The vault's log lines. None takes a password, a key, a credential or an exception's text. Their event ids are in
/// Keyfolio's one list (<c>KeyfolioEventIds</c>, the vault's 4000s) under the same names; the vault references no other
/// project, so the numbers are repeated here.
/// </summary>
internal static partial class VaultLog
{
    private const int VaultAutoLockFailed = 4001;
    private const int VaultStateChanged = 4002;
    private const int VaultPasswordRefused = 4003;
    private const int VaultRecoveryKeyRefused = 4004;
    private const int VaultHeaderAltered = 4005;
    private const int VaultChangeCommitted = 4006;
    private const int VaultChangeRefused = 4007;

    [LoggerMessage(VaultAutoLockFailed, LogLevel.Error, "The {Reason} auto-lock failed with {ExceptionType}; the vault is {State}")]
    public static partial void AutoLockFailed(ILogger logger, VaultStateChangeReason reason, string exceptionType, VaultState state);

    [LoggerMessage(VaultStateChanged, LogLevel.Information, "The vault is {State} ({Reason}); recorded in the audit log: {AuditRecorded}")]
    public static partial void StateChanged(ILogger logger, VaultState state, VaultStateChangeReason reason, bool auditRecorded);

    [LoggerMessage(VaultPasswordRefused, LogLevel.Warning, "The master password given for {Purpose} was wrong; the next attempt can be made in {DelaySeconds} s")]
    public static partial void PasswordRefused(ILogger logger, string purpose, double delaySeconds);

    [LoggerMessage(VaultRecoveryKeyRefused, LogLevel.Warning, "A recovery attempt was refused: {Reason}")]
    public static partial void RecoveryKeyRefused(ILogger logger, string reason);

    [LoggerMessage(VaultHeaderAltered, LogLevel.Error, "The vault header failed its check during {Purpose}: it was changed by someone without the data key, so nothing in it is used")]
    public static partial void HeaderAltered(ILogger logger, string purpose);

    /// <summary>A change to the vault's header or credentials, committed with its audit entry (the entry's action and outcome, which hold no secret).</summary>
    [LoggerMessage(VaultChangeCommitted, LogLevel.Information, "The vault committed {Action} ({Outcome})")]
    public static partial void ChangeCommitted(ILogger logger, string action, string outcome);

    [LoggerMessage(VaultChangeRefused, LogLevel.Warning, "The vault refused {Action}: {Reason}")]
    public static partial void ChangeRefused(ILogger logger, string action, string reason);
}
