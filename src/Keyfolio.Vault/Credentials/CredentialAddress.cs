namespace Keyfolio.Vault.Credentials;

/// <summary>
/// Where a credential lives: its id (the caller's row id) and its exchange. Both are bound into the
/// ciphertext, so neither may contain '|' (the separator of the associated data) or control characters.
/// </summary>
public readonly record struct CredentialAddress
{
    public const int MaxLength = 128;

    public CredentialAddress(string credentialId, string exchange)
    {
        CredentialId = Validate(credentialId, nameof(credentialId));
        Exchange = Validate(exchange, nameof(exchange));
    }

    public string CredentialId { get; }

    public string Exchange { get; }

    private static string Validate(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"{name} must be 1 to {MaxLength} characters long.", name);
        }

        foreach (var c in value)
        {
            if (c == '|' || char.IsControl(c))
            {
                throw new ArgumentException($"{name} must not contain '|' or control characters.", name);
            }
        }

        return value;
    }
}
