using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>
/// Coinbase Advanced Trade with a CDP key, from CDP's "JWT Authentication" page: a compact JWS, ES256 over
/// <c>base64url(header).base64url(claims)</c> with the EC private key, 64-byte r‖s; header <c>alg</c>, <c>kid</c> (the key
/// name), <c>nonce</c>, <c>typ</c>; claims <c>sub</c>, <c>iss</c> = <c>cdp</c>, <c>nbf</c>, <c>exp</c> = nbf + 120,
/// <c>uri</c> = <c>"GET host/path"</c>; sent as <c>Authorization: Bearer</c>. A changed secret signs with another key.
/// </summary>
public sealed class CoinbaseSigner : ExchangeSigner
{
    public override string Exchange => "coinbase";

    public override HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None) =>
        Get(origin, "/api/v3/brokerage/accounts?limit=250", key, now, tamper);

    public override HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now) =>
        Get(origin, "/api/v3/brokerage/key_permissions", key, now);

    public static HttpRequestMessage Get(Uri origin, string pathAndQuery, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None)
    {
        var path = pathAndQuery.Split('?')[0];
        var signedPath = tamper == Tamper.Path ? "/api/v3/brokerage/key_permissions" : path;
        var nbf = (tamper == Tamper.Timestamp ? now.AddSeconds(-121) : now).ToUnixTimeSeconds();
        var keyName = KeyFor(key, tamper);
        var jwt = Jwt(tamper == Tamper.Secret ? OtherKeyPem() : key.Secret, keyName, "GET " + origin.Authority + signedPath, nbf);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, pathAndQuery));
        request.Headers.Add("Authorization", "Bearer " + jwt);
        return request;
    }

    public static string Jwt(string privateKeyPem, string keyName, string uri, long nbf)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = keyName, ["nonce"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ["typ"] = "JWT" };
        var claims = new JsonObject { ["sub"] = keyName, ["iss"] = "cdp", ["nbf"] = nbf, ["exp"] = nbf + 120, ["uri"] = uri };
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem.Replace("\\n", "\n", StringComparison.Ordinal));
        return input + "." + B64(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private static string OtherKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportECPrivateKeyPem();
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
