using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade with a CDP Secret API key: the key name <c>organizations/{org_id}/apiKeys/{key_id}</c> and
/// its EC P-256 private key, a PEM shown once when the key is created (CDP, "API Key Authentication":
/// https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication). The local checks
/// say exactly what a pasted value is when it is not that: a key of another generation (legacy keys expired in
/// February 2025: https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/legacy-keys), an Ed25519 key
/// (which the Advanced Trade APIs reject: same page, "Ed25519 (EdDSA) keys are NOT supported"), a public key, a cut-off
/// or escaped PEM.
/// </summary>
internal static partial class CoinbaseDescriptor
{
    private static readonly Uri ApiPage = new("https://portal.cdp.coinbase.com/projects/api-keys");

    /// <summary>The right's name in the CDP portal's API restrictions: "Transfer: send and receive funds, on and off
    /// platform" (CDP, "Authorization": https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization).</summary>
    private const string WithdrawRight = "Transfer";

    private static readonly LocalizedText EcdsaAdvice = Texts.Of("CreateANewKeyIn");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Coinbase,
        Name = "coinbase",
        DisplayName = "Coinbase",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKeyName"), true, new(KeyNamePattern(), Texts.Of("TheKeyNameOrganizationsOrganization"))
            { Check = CheckKeyName }),
            new(CredentialFieldKind.Secret, Texts.Of("PrivateKey"), true, new(PrivateKeyPattern(), Texts.Of("TheECPrivateKeyFrom"))
            { Check = CheckPrivateKey })
            { MultiLine = true },
        ],
        Hosts =
        [
            // The sandbox (api-sandbox.coinbase.com) takes no authentication and answers static bodies
            // (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/sandbox): there is no key to verify there.
            new("global", LocalizedText.Same("Coinbase"), ExchangeEnvironment.Live, new Uri("https://api.coinbase.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = CoinbaseGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("InTheCDPPortalDelete", ApiPage)),

        // A key can be limited to IPs or CIDR ranges when it is created (CDP, "Security Best Practices":
        // https://docs.cdp.coinbase.com/get-started/authentication/security-best-practices); the API never reports the list.
        OffersIpWhitelist = true,
    };

    /// <summary>What a value in the key-name field is, when it is not a CDP key name.</summary>
    private static LocalizedText? CheckKeyName(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("{", StringComparison.Ordinal))
        {
            return Texts.Of("TheAPIKeyNameField");
        }

        if (value.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("TheAPIKeyNameField2");
        }

        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return Texts.Of("TheAPIKeyNameField3");
        }

        if (UuidPattern().IsMatch(value))
        {
            return Ed25519Refusal(Texts.Of("ThisIsTheIDOf"));
        }

        if (LegacyKeyPattern().IsMatch(value))
        {
            return Texts.Of("ThisIsALegacyCoinbase");
        }

        if (Any(value, c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\''))
        {
            return Texts.Of("TheAPIKeyNameContains");
        }

        if (!value.StartsWith("organizations/", StringComparison.Ordinal))
        {
            return Texts.Of("TheAPIKeyNameShould", value.Length);
        }

        return KeyNamePattern().IsMatch(value)
            ? null
            : Texts.Of("TheAPIKeyNameShould2");
    }

    /// <summary>What a value in the private-key field is, when it is not an EC P-256 private key.</summary>
    private static LocalizedText? CheckPrivateKey(ReadOnlySpan<char> value)
    {
        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThisIsAPublicKey");
        }

        if (value.StartsWith("organizations/", StringComparison.Ordinal))
        {
            return Texts.Of("ThePrivateKeyFieldHolds");
        }

        if (!value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            if (Ed25519SecretPattern().IsMatch(value))
            {
                return Ed25519Refusal(Texts.Of("ThisIsThePrivateKey"));
            }

            if (LegacySecretPattern().IsMatch(value))
            {
                return Texts.Of("ThisIsTheSecretOf");
            }

            return Texts.Of("ThePrivateKeyShouldStart", value.Length);
        }

        if (!value.Contains("-----END", StringComparison.Ordinal))
        {
            return value.TrimEnd().EndsWith("-----", StringComparison.Ordinal) && !value.Contains('\n') && !value.Contains("\\n", StringComparison.Ordinal)
                ? Texts.Of("OnlyTheFirstLineOf")
                : Texts.Of("ThePrivateKeyIsCut");
        }

        if (value.Contains("BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal) || value.Contains("BEGIN RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThisIsNotACoinbase");
        }

        try
        {
            using var key = CoinbaseSigner.ImportPrivateKey(value);
            return null;
        }
        catch (CryptographicException)
        {
            return IsEd25519Pkcs8(value)
                ? Ed25519Refusal(Texts.Of("ThisIsThePrivateKey"))
                : Texts.Of("ThePrivateKeyDoesNot");
        }
    }

    /// <summary>A PKCS#8 key whose algorithm is Ed25519 (OID 1.3.101.112: the DER bytes 06 03 2B 65 70).</summary>
    private static bool IsEd25519Pkcs8(ReadOnlySpan<char> value)
    {
        if (!value.Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new char[value.Length];
        try
        {
            var length = CoinbaseSigner.Unescape(value, buffer);
            if (!System.Security.Cryptography.PemEncoding.TryFind(buffer.AsSpan(0, length), out var fields))
            {
                return false;
            }

            var base64 = buffer.AsSpan(0, length)[fields.Base64Data];
            var der = new byte[fields.DecodedDataLength];
            try
            {
                return Convert.TryFromBase64Chars(base64, der, out var written) && der.AsSpan(0, written).IndexOf(new byte[] { 0x06, 0x03, 0x2B, 0x65, 0x70 }) >= 0;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }
        finally
        {
            Array.Clear(buffer);
        }
    }

    /// <summary>An Ed25519 refusal, followed by how to get a key the trading API accepts.</summary>
    private static LocalizedText Ed25519Refusal(LocalizedText refusal) => Texts.Of("Ed25519RefusalWithAdvice", refusal, EcdsaAdvice);

    private static bool Any(ReadOnlySpan<char> value, Func<char, bool> test)
    {
        foreach (var c in value)
        {
            if (test(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^organizations/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/apiKeys/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();

    /// <summary>For the browser's instant check: a SEC1 PEM, its line breaks real or escaped.</summary>
    [GeneratedRegex(@"^""?-----BEGIN EC PRIVATE KEY-----(\s|\\n|\\r|[A-Za-z0-9+/=])+-----END EC PRIVATE KEY-----(\s|\\n|\\r)*""?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    /// <summary>Base64 of a 32-byte seed (44 characters) or of seed ‖ public key (88 characters), as the CDP portal issues Ed25519 secrets.</summary>
    [GeneratedRegex("^([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)$", RegexOptions.CultureInvariant)]
    private static partial Regex Ed25519SecretPattern();

    /// <summary>Legacy keys: 16 letters and digits (<c>g3BLnUYMOQsIo9V5</c> on the legacy-keys page).</summary>
    [GeneratedRegex("^[A-Za-z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyKeyPattern();

    /// <summary>Legacy secrets: 32 letters and digits.</summary>
    [GeneratedRegex("^[A-Za-z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacySecretPattern();
}
