using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges;

public enum CredentialFieldKind
{
    ApiKey,
    Secret,
    Passphrase,
}

/// <summary>A credential as the exchange labels it, with its local format rule.</summary>
public sealed record CredentialField(CredentialFieldKind Kind, LocalizedText Label, bool Required, CredentialRule Rule)
{
    /// <summary>The field's name in forms and APIs: <c>apiKey</c>, <c>secret</c> or <c>passphrase</c>.</summary>
    public string Name => Kind switch
    {
        CredentialFieldKind.ApiKey => "apiKey",
        CredentialFieldKind.Secret => "secret",
        _ => "passphrase",
    };
}

/// <summary>The form an exchange gives a credential: a pattern and its description for people.</summary>
public sealed record CredentialRule(Regex Pattern, LocalizedText Expected);

/// <summary>What the local format check found; empty when the credentials look right.</summary>
public sealed record CredentialCheck(IReadOnlyList<CredentialProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>One field that is wrong, and why, without repeating its value.</summary>
public sealed record CredentialProblem(CredentialFieldKind Field, string FieldName, LocalizedText Message);
