using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Coinbase;

/// <summary>The local check of a pasted key name and private key says exactly what the value is when it is not a CDP ECDSA key.</summary>
public sealed class CoinbaseFormatTests
{
    private static readonly ExchangeDescriptor Coinbase = ExchangeCatalog.Get(ExchangeId.Coinbase);
    private static readonly JsonElement Keys = JsonDocument.Parse(TestData.Read("vectors-coinbase.json")).RootElement.GetProperty("keys");
    private static readonly string KeyName = Keys.GetProperty("ec_p256").GetProperty("keyName").GetString()!;
    private static readonly string PrivateKey = Keys.GetProperty("ec_p256").GetProperty("privateKeyPem").GetString()!;

    [Fact]
    public void The_key_file_s_name_and_private_key_pass_with_real_or_escaped_line_breaks()
    {
        Assert.True(Coinbase.CheckCredentials(KeyName, PrivateKey).IsValid);
        Assert.True(Coinbase.CheckCredentials(KeyName, PrivateKey.Replace("\n", "\\n", StringComparison.Ordinal)).IsValid);
        Assert.True(Coinbase.CheckCredentials(KeyName, TestData.Json(TestData.Fixture("coinbase", "cdp_api_key_ecdsa.json")).GetProperty("privateKey").GetString()).IsValid);
        Assert.True(Coinbase.CredentialFields.Single(f => f.Kind == CredentialFieldKind.Secret).MultiLine);
    }

    [Theory]
    [InlineData("ed25519 id", "apiKey", "Ed25519")]
    [InlineData("legacy key", "apiKey", "legacy Coinbase API key")]
    [InlineData("private key as name", "apiKey", "holds the private key")]
    [InlineData("whole key file", "apiKey", "whole downloaded key file")]
    [InlineData("cut name", "apiKey", "missing or cut off")]
    [InlineData("other prefix", "apiKey", "should start with \"organizations/\"")]
    [InlineData("ed25519 secret", "secret", "Ed25519")]
    [InlineData("ed25519 pkcs8", "secret", "Ed25519")]
    [InlineData("legacy secret", "secret", "legacy Coinbase API key")]
    [InlineData("public key", "secret", "This is a public key")]
    [InlineData("first line only", "secret", "Only the first line")]
    [InlineData("no end line", "secret", "cut off")]
    [InlineData("changed body", "secret", "does not read as an EC P-256 key")]
    [InlineData("name as secret", "secret", "is the same as the")]
    [InlineData("another name as secret", "secret", "holds the key name")]
    public void A_value_that_is_not_a_cdp_ecdsa_key_is_named_for_what_it_is(string what, string field, string says)
    {
        var ed25519 = Keys.GetProperty("ed25519");
        var (apiKey, secret) = what switch
        {
            "ed25519 id" => (ed25519.GetProperty("keyId").GetString()!, PrivateKey),
            "legacy key" => ("g3BLnUYMOQsIo9V5", PrivateKey),
            "private key as name" => (PrivateKey, PrivateKey),
            "whole key file" => (TestData.Fixture("coinbase", "cdp_api_key_ecdsa.json").Replace("\n", "", StringComparison.Ordinal), PrivateKey),
            "cut name" => (KeyName[..^4], PrivateKey),
            "other prefix" => ("apiKeys/" + KeyName, PrivateKey),
            "ed25519 secret" => (KeyName, ed25519.GetProperty("cdpSecretBase64").GetString()!),
            "ed25519 pkcs8" => (KeyName, ed25519.GetProperty("privateKeyPkcs8Pem").GetString()!),
            "legacy secret" => (KeyName, "M4009eFnOoPwhNoMwJlsAHgIgleGVFPl"),
            "public key" => (KeyName, Keys.GetProperty("ec_p256").GetProperty("publicKeyPem").GetString()!),
            "first line only" => (KeyName, "-----BEGIN EC PRIVATE KEY-----"),
            "no end line" => (KeyName, PrivateKey[..PrivateKey.IndexOf("-----END", StringComparison.Ordinal)]),
            "changed body" => (KeyName, PrivateKey.Replace("MHcCAQEEIK", "MHcCAQEEIL", StringComparison.Ordinal)),
            "another name as secret" => (KeyName, KeyName[..^1] + (KeyName[^1] == 'a' ? 'b' : 'a')),
            _ => (KeyName, KeyName),
        };

        var check = Coinbase.CheckCredentials(apiKey, secret);

        var problem = Assert.Single(check.Problems, p => p.FieldName == field);
        Assert.Contains(says, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.NotEqual(problem.Message.For(CultureInfo.GetCultureInfo("en")), problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.DoesNotContain(secret.Length > 80 ? secret[40..60] : "\u0000", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_ed25519_refusal_says_how_to_get_an_ecdsa_key()
    {
        var check = Coinbase.CheckCredentials(Keys.GetProperty("ed25519").GetProperty("keyId").GetString(), Keys.GetProperty("ed25519").GetProperty("cdpSecretBase64").GetString());

        Assert.Equal(2, check.Problems.Count);
        Assert.All(check.Problems, p => Assert.Contains("ECDSA", p.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal));
    }
}
