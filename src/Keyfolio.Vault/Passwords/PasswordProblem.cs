namespace Keyfolio.Vault.Passwords;

/// <summary>Why a password is refused.</summary>
public enum PasswordProblem
{
    TooShort,
    TooLong,
    Common,
    TrivialPattern,
    InvalidText,
}
