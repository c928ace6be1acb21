using Keyfolio.Core;

namespace Keyfolio.Cli;

/// <summary>The exit codes of <c>keyfolio</c>, documented in docs/cli.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int VaultMissing = 3;
    public const int WrongPassword = 4;
    public const int KeyRefused = 5;
    public const int WithdrawalRefused = 6;
    public const int NotFound = 7;
    public const int Conflict = 8;
    public const int AuditProblem = 9;
    public const int Unavailable = 10;
    public const int Corrupted = 11;
    public const int HeaderAltered = 12;

    public static int For(CoreErrorKind kind) => kind switch
    {
        CoreErrorKind.BadInput => Usage,
        CoreErrorKind.VaultMissing => VaultMissing,
        CoreErrorKind.VaultExists or CoreErrorKind.DuplicateLabel or CoreErrorKind.DuplicateKey or CoreErrorKind.Conflict => Conflict,
        CoreErrorKind.VaultLocked or CoreErrorKind.WrongPassword or CoreErrorKind.PasswordRejected => WrongPassword,
        CoreErrorKind.Corrupted => Corrupted,
        CoreErrorKind.VaultHeaderAltered => HeaderAltered,
        CoreErrorKind.ConnectionNotFound => NotFound,
        CoreErrorKind.WithdrawalRefused => WithdrawalRefused,
        CoreErrorKind.VerificationFailed => KeyRefused,
        CoreErrorKind.ExchangeUnavailable or CoreErrorKind.CooldownActive => Unavailable,
        CoreErrorKind.AuditFailed => AuditProblem,
        _ => Failure,
    };
}
