namespace Keyfolio.Vault;

/// <summary>
/// The one exception the vault throws for anything a user or caller can act on. Its message is meant for
/// people and never contains a secret; <see cref="Kind"/> is for code.
/// </summary>
public sealed class VaultException : Exception
{
    public VaultException(VaultErrorKind kind, string message)
        : base(message) => Kind = kind;

    public VaultException(VaultErrorKind kind, string message, Exception? innerException)
        : base(message, innerException) => Kind = kind;

    public VaultErrorKind Kind { get; }
}
