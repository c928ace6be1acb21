using System.Globalization;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

/// <summary>
/// The local check of Binance's secret field: a system-generated key's HMAC secret, or the PKCS#8 private key of a
/// self-generated Ed25519 or RSA key; every other paste is named for what it is.
/// </summary>
public sealed class BinanceFormatTests
{
    private static readonly ExchangeDescriptor Binance = ExchangeCatalog.Get(ExchangeId.Binance);
    private static readonly string ApiKey = TestKey.For(ExchangeId.Binance, "main").ApiKey;
    private static readonly string Ed25519 = TestData.Vectors("binance").First(v => v.Get("algorithm") == "Ed25519").Secret;
    private static readonly string Rsa = TestData.Vectors("binance").First(v => v.Get("algorithm") == "RSASSA-PKCS1-v1_5-SHA256").Secret;

    [Fact]
    public void An_hmac_secret_and_ed25519_and_rsa_private_keys_pass_with_real_or_escaped_line_breaks()
    {
        Assert.True(Binance.CheckCredentials(ApiKey, TestKey.For(ExchangeId.Binance, "main").Secret).IsValid);
        Assert.True(Binance.CheckCredentials(ApiKey, Ed25519).IsValid);
        Assert.True(Binance.CheckCredentials(ApiKey, Rsa).IsValid);
        Assert.True(Binance.CheckCredentials(ApiKey, Ed25519.Trim().Replace("\n", "\\n", StringComparison.Ordinal)).IsValid);
        Assert.True(Binance.CredentialFields.Single(f => f.Kind == CredentialFieldKind.Secret).MultiLine);
    }

    [Fact]
    public void The_browser_pattern_accepts_what_the_server_accepts()
    {
        var pattern = Binance.CredentialFields.Single(f => f.Kind == CredentialFieldKind.Secret).Rule.Pattern;

        Assert.Matches(pattern, TestKey.For(ExchangeId.Binance, "main").Secret);
        Assert.Matches(pattern, Ed25519.Trim());
        Assert.Matches(pattern, Rsa.Trim());
        Assert.DoesNotMatch(pattern, TestKey.For(ExchangeId.Binance, "main").Secret[..40]);
        Assert.DoesNotMatch(pattern, "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGUIKv9dSpWXBViXp2m6vAIb8QMFJYBgyFEQsFJlqgA0=\n-----END PUBLIC KEY-----");
    }

    [Theory]
    [InlineData("public key", "This is the public key")]
    [InlineData("no begin line", "lost its -----BEGIN PRIVATE KEY----- line")]
    [InlineData("first line only", "cut off")]
    [InlineData("encrypted", "protected by a password")]
    [InlineData("pkcs1", "PKCS#1")]
    [InlineData("ec key", "HMAC, Ed25519 and RSA keys only")]
    [InlineData("changed body", "does not read as an Ed25519 or RSA key")]
    [InlineData("rsa 1024", "2048 or 4096 bits")]
    [InlineData("short hmac", "64 letters and digits")]
    public void A_value_that_is_no_binance_secret_is_named_for_what_it_is(string what, string says)
    {
        var secret = what switch
        {
            "public key" => "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGUIKv9dSpWXBViXp2m6vAIb8QMFJYBgyFEQsFJlqgA0=\n-----END PUBLIC KEY-----",
            "no begin line" => Ed25519.Split('\n')[1],
            "first line only" => "-----BEGIN PRIVATE KEY-----",
            "encrypted" => "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhIzfxUIFgIygICCAAw\n-----END ENCRYPTED PRIVATE KEY-----",
            "pkcs1" => "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtgq9mGKj+wPNktE2QvZFOLjeH+AegAAA\n-----END RSA PRIVATE KEY-----",
            "ec key" => "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIK+p6aG5UBJBhOcnUxk0B2LcccQB6vySTYi/AcahdUndoAoGCCqGSM49\n-----END EC PRIVATE KEY-----",
            "changed body" => Ed25519.Replace("MC4CAQAw", "MC4CAQBw", StringComparison.Ordinal),
            "rsa 1024" => RsaOf1024Bits,
            _ => TestKey.For(ExchangeId.Binance, "main").Secret[..40],
        };

        var problem = Assert.Single(Binance.CheckCredentials(ApiKey, secret).Problems);

        Assert.Equal("secret", problem.FieldName);
        Assert.Contains(says, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans"))));
        Assert.DoesNotContain(secret.Length > 30 ? secret[27..40] : secret, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    /// <summary>Generated for this test with <c>openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024</c>; never a real credential.</summary>
    private const string RsaOf1024Bits = "-----BEGIN PRIVATE KEY-----\nMIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAL2QlZAB4pu9oBQr\naGrNonOdOWmh5NP6cDna9pEsYoAcyJxbyYLDHdn+D/M0fVv7Qz+z2rdh9XL5iEAS\nEFMXF4JN0G32dBZGo5Wd9GMFT0UmoQfnJ+Qq5qpL19faV566WER4EuKZ5m/2Y6d6\nCl27cv1jKnzHyu7t0WQToApSGY9PAgMBAAECgYAwB5stgpzE8xXFJn5tWS7I9lQe\npItS/khDEGyaudE3PpPBsivrer5shkfKSklc7dvLHynSfvpuqDTSbwE93ELzK/HG\nCf+6rWZcZfRLFWb0gGIphYv7cKpZpkFNzFC8Osk7ETBEZZ4ckIhw5qVcQceTRTec\ngrWyJRrIbxgn1Q3wsQJBAPAo35X8hMG3et+w/6bQJlJFCrWi3vpZoUa2dJHAXrNf\nfto58JxM7sSLNK6XYMp15I6FlErDkFOG66/r94Tf7ikCQQDKEWjquw3HUqloXT3w\n9TdqHDnBjaN7W46dY826i54EVA761oAXXnxESMFALtihzy8sUp292rF0+5afyjqW\n/dC3AkEAi2D9WhvCpHaq7jXYOWTmSKrfK0lKJXttOQ/dGVXO4EVU5qvns56GmDS+\nL3GVcAr5yalGxhk3ovJTyLam4Uvg+QJAFdxAT3ShDvlAXowH0XOV5SLclLXwA75p\n9VkAvrewBqPZYwWloeGU7AY68eifgxHY9qCRdCKepBs7tlm4cPFQjQJAAa5aPr42\nDP1DaGWGoygPnOEp8oJCx+/vec8k8gz5MYrA3PmjRGc1EmKCv8HxaSQc41+qaDYD\nI0rkf7xCvZ3ZWA==\n-----END PRIVATE KEY-----\n";
}
