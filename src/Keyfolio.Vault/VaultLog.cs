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

    [LoggerMessage(VaultAutoLockFailed, LogLevel.Error, "The {Reason} auto-lock failed with {ExceptionType}; the vault is {State}")]
    public static partial void AutoLockFailed(ILogger logger, VaultStateChangeReason reason, string exceptionType, VaultState state);
}
