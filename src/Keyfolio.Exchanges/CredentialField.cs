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
    /// <summary>The value spans several lines (a PEM private key): forms give it a multi-line input, and line breaks
    /// are part of it rather than a paste error.</summary>
    public bool MultiLine { get; init; }

    /// <summary>The field's name in forms and APIs: <c>apiKey</c>, <c>secret</c> or <c>passphrase</c>.</summary>
    public string Name => Kind switch
    {
        CredentialFieldKind.ApiKey => "apiKey",
        CredentialFieldKind.Secret => "secret",
        _ => "passphrase",
    };
}

/// <summary>The form an exchange gives a credential: a pattern and its description for people.</summary>
public sealed record CredentialRule(Regex Pattern, LocalizedText Expected)
{
    /// <summary>The exchange's own check of a value, when the pattern cannot say exactly what is wrong (a pasted PEM
    /// key, a key name of another key generation): it replaces the shared checks after the empty-field check and
    /// returns what is wrong, or <c>null</c>. It reads the value where it lies, never copying it into a string. Code, not
    /// data: never serialized (a connection's export carries its descriptor).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CredentialValueCheck? Check { get; init; }
}

/// <summary>An exchange's own check of one credential value; <c>null</c> when the value has the right form.</summary>
public delegate LocalizedText? CredentialValueCheck(ReadOnlySpan<char> value);

/// <summary>What the local format check found; empty when the credentials look right.</summary>
public sealed record CredentialCheck(IReadOnlyList<CredentialProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>One field that is wrong, and why, without repeating its value.</summary>
public sealed record CredentialProblem(CredentialFieldKind Field, string FieldName, LocalizedText Message);
