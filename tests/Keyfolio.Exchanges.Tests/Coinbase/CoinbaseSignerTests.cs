using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Exchanges.Coinbase;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Coinbase;

/// <summary>
/// Coinbase publishes no signing example, and an ES256 signature is random: the vectors (TestData/vectors-coinbase.json,
/// cross-checked by the official Python SDK, ccxt, Node and .NET) fix the header and claims bytes and give JWTs that
/// verify under the key's public key. Keyfolio's JWTs are checked the same way: the exact signing input, a signature
/// that verifies under the public key, and never under another key.
/// </summary>
public sealed class CoinbaseSignerTests
{
    private static readonly JsonElement File = JsonDocument.Parse(TestData.Read("vectors-coinbase.json")).RootElement;
    private static readonly JsonElement Key = File.GetProperty("keys").GetProperty("ec_p256");
    private static readonly string KeyName = Key.GetProperty("keyName").GetString()!;
    private static readonly string PrivateKeyPem = Key.GetProperty("privateKeyPem").GetString()!;
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    public static TheoryData<string> Es256Vectors => [.. Vectors().Where(v => v.GetProperty("algorithm").GetString() == "ES256").Select(v => v.GetProperty("name").GetString()!)];

    [Fact]
    public void The_official_sdk_vector_s_header_claims_and_signing_input_are_reproduced_byte_for_byte()
    {
        var vector = Vector("ES256 REST JWT, official-SDK claim set");
        var header = JsonDocument.Parse(vector.GetProperty("headerJson").GetString()!).RootElement;
        var uri = CoinbaseSigner.Uri("GET", "api.coinbase.com", "/api/v3/brokerage/accounts");

        var headerJson = CoinbaseSigner.HeaderJson(KeyName, header.GetProperty("nonce").GetString()!);
        var claimsJson = CoinbaseSigner.ClaimsJson(KeyName, VectorTime.ToUnixTimeSeconds(), uri);

        Assert.Equal(vector.GetProperty("headerJson").GetString(), headerJson);
        Assert.Equal(vector.GetProperty("claimsJson").GetString(), claimsJson);
        Assert.Equal(vector.GetProperty("signingInput").GetString(), CoinbaseSigner.SigningInput(headerJson, claimsJson));
    }

    [Fact]
    public void The_uri_claim_has_no_scheme_and_no_query()
    {
        Assert.Equal("GET api.coinbase.com/api/v3/brokerage/accounts", CoinbaseSigner.Uri("get", "api.coinbase.com", "/api/v3/brokerage/accounts?limit=250&cursor=abc"));
    }

    [Theory]
    [MemberData(nameof(Es256Vectors))]
    public void Every_es256_vector_verifies_under_the_vector_public_key(string name)
    {
        var vector = Vector(name);

        Assert.True(Verifies(vector.GetProperty("jwt").GetString()!, PublicKey()), name);
        if (vector.TryGetProperty("deterministicJwtRfc6979", out var deterministic))
        {
            Assert.True(Verifies(deterministic.GetString()!, PublicKey()));
        }
    }

    [Fact]
    public void The_negative_vectors_do_not_verify_where_the_signature_is_wrong()
    {
        var negatives = File.GetProperty("negative").EnumerateArray().Where(n => n.GetProperty("expect").GetString()!.StartsWith("signature verification fails", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, negatives.Count);
        Assert.All(negatives, n => Assert.False(Verifies(n.GetProperty("jwt").GetString()!, PublicKey())));
    }

    [Fact]
    public void A_keyfolio_jwt_carries_the_official_claims_and_verifies_under_the_public_key_only()
    {
        var jwt = CoinbaseSigner.Jwt(Encoding.UTF8.GetBytes(PrivateKeyPem), KeyName, "GET api.coinbase.com/api/v3/brokerage/key_permissions", VectorTime, CoinbaseSigner.NewNonce());

        var parts = jwt.Split('.');
        var header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
        var claims = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
        Assert.Equal(("ES256", KeyName, "JWT"), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString(), header.GetProperty("typ").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", header.GetProperty("nonce").GetString());
        Assert.Equal((KeyName, "cdp", 1700000000L, 1700000120L, "GET api.coinbase.com/api/v3/brokerage/key_permissions"),
            (claims.GetProperty("sub").GetString(), claims.GetProperty("iss").GetString(), claims.GetProperty("nbf").GetInt64(), claims.GetProperty("exp").GetInt64(), claims.GetProperty("uri").GetString()));
        Assert.True(Verifies(jwt, PublicKey()));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(Verifies(jwt, other));
    }

    [Fact]
    public void Two_jwts_for_the_same_request_differ_in_nonce_and_signature()
    {
        var secret = Encoding.UTF8.GetBytes(PrivateKeyPem);

        var first = CoinbaseSigner.Jwt(secret, KeyName, "GET api.coinbase.com/api/v3/brokerage/accounts", VectorTime, CoinbaseSigner.NewNonce());
        var second = CoinbaseSigner.Jwt(secret, KeyName, "GET api.coinbase.com/api/v3/brokerage/accounts", VectorTime, CoinbaseSigner.NewNonce());

        Assert.NotEqual(first.Split('.')[0], second.Split('.')[0]);
        Assert.NotEqual(first.Split('.')[2], second.Split('.')[2]);
    }

    [Theory]
    [InlineData("real line breaks")]
    [InlineData("literal \\n as in the downloaded key file")]
    [InlineData("in the file's double quotes")]
    public void The_private_key_signs_however_its_line_breaks_were_pasted(string form)
    {
        var pasted = form switch
        {
            "real line breaks" => PrivateKeyPem,
            "literal \\n as in the downloaded key file" => PrivateKeyPem.Replace("\n", "\\n", StringComparison.Ordinal),
            _ => "\"" + PrivateKeyPem.Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        };

        var jwt = CoinbaseSigner.Jwt(Encoding.UTF8.GetBytes(pasted), KeyName, "GET api.coinbase.com/api/v3/brokerage/accounts", VectorTime, "00");

        Assert.True(Verifies(jwt, PublicKey()));
    }

    [Fact]
    public void The_accounts_request_carries_a_bearer_jwt_bound_to_the_host_and_path_without_the_query()
    {
        using var credentials = new ExchangeCredentials(KeyName, PrivateKeyPem);
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Coinbase), credentials, "vector");
        var call = ExchangeCall.SignedGet("/api/v3/brokerage/accounts", "limit=250&cursor=abc");

        using var request = new CoinbaseProtocol().CreateSignedRequest(call, new Uri("https://api.coinbase.com"), account, new SigningContext(VectorTime, 0), out var signature);

        Assert.Equal("https://api.coinbase.com/api/v3/brokerage/accounts?limit=250&cursor=abc", request.RequestUri!.ToString());
        var bearer = Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.Equal("Bearer " + signature, bearer);
        var claims = JsonDocument.Parse(Base64Url(signature.Split('.')[1])).RootElement;
        Assert.Equal("GET api.coinbase.com/api/v3/brokerage/accounts", claims.GetProperty("uri").GetString());
        Assert.Equal(1700000000L, claims.GetProperty("nbf").GetInt64());
        Assert.True(Verifies(signature, PublicKey()));
    }

    private static IEnumerable<JsonElement> Vectors() => File.GetProperty("vectors").EnumerateArray();

    private static JsonElement Vector(string name) => Vectors().Single(v => v.GetProperty("name").GetString() == name);

    private static ECDsa PublicKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(Key.GetProperty("publicKeyPem").GetString());
        return key;
    }

    /// <summary>An independent ES256 check: the third part, decoded to r‖s, over the ASCII of the first two.</summary>
    private static bool Verifies(string jwt, ECDsa publicKey)
    {
        var parts = jwt.Split('.');
        return parts.Length == 3 && publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static byte[] Base64Url(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }
}
