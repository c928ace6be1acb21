using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// Which single field of a stored key a diagnosis says is wrong, so it can be corrected alone
/// (<see cref="Commands.CorrectCredentialCommand"/>): the passphrase when the exchange says it is not the one
/// chosen with the key, the secret when the signature does not verify, or the field a format refusal names.
/// </summary>
public static class CredentialCorrection
{
    public static CredentialFieldKind? FieldFor(Diagnosis? diagnosis, ExchangeDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        CredentialFieldKind? field = diagnosis switch
        {
            { Category: DiagnosisCategory.WrongPassphrase } => CredentialFieldKind.Passphrase,
            { Category: DiagnosisCategory.BadSignature } => CredentialFieldKind.Secret,
            { Category: DiagnosisCategory.BadFormat, Field: "secret" } => CredentialFieldKind.Secret,
            { Category: DiagnosisCategory.BadFormat, Field: "passphrase" } => CredentialFieldKind.Passphrase,
            _ => null,
        };
        return field is { } kind && descriptor.CredentialFields.Any(f => f.Kind == kind) ? kind : null;
    }

    /// <summary>The field's name in addresses and the CLI (<c>secret</c>, <c>passphrase</c>), and back.</summary>
    public static string Name(CredentialFieldKind field) => field == CredentialFieldKind.Secret ? "secret" : field == CredentialFieldKind.Passphrase ? "passphrase" : "apiKey";

    public static CredentialFieldKind? Parse(string? name) => name switch
    {
        "secret" => CredentialFieldKind.Secret,
        "passphrase" => CredentialFieldKind.Passphrase,
        _ => null,
    };
}
