using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>The tests' own signers reproduce every vector of vectors.json, so the simulator is checked against the published rules.</summary>
public sealed class SigningVectorTests
{
    private static readonly JsonArray Vectors = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "vectors.json")))!["vectors"]!.AsArray();

    public static TheoryData<int> VectorIndexes() => [.. Enumerable.Range(0, Vectors.Count)];

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Each_vector_reproduces_with_the_test_signers(int index)
    {
        var vector = Vectors[index]!;
        var secret = (string)vector["secret"]!;
        var message = (string)vector["stringToSign"]!;

        var signature = (string)vector["algorithm"]! switch
        {
            "HMAC-SHA256" when (string?)vector["encoding"] == "base64" => Hmac.Sha256Base64(secret, message),
            "HMAC-SHA256" => Hmac.Sha256Hex(secret, message),
            "HMAC-SHA384" => Hmac.Sha384Hex(secret, message),
            _ => Hmac.Sha512Hex(secret, message),
        };

        Assert.Equal((string)vector["expectedSignature"]!, signature);
    }

    [Fact]
    public void The_kraken_test_signer_reproduces_every_kraken_vector()
    {
        var vectors = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "vectors-kraken.json")))!["vectors"]!.AsArray();

        Assert.Equal(5, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(
            (string)v!["expectedSignature"]!,
            KrakenSigner.Sign(Convert.FromBase64String((string)v["secret"]!), (string)v["uriPath"]!, (string)v["nonce"]!, (string)v["postData"]!)));
    }

    [Fact]
    public void The_builders_produce_the_published_strings_to_sign()
    {
        Assert.Equal(
            "1542323450016https://api.bittrex.com/v3/balancesGETcf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
            BittrexSigner.PreSign("1542323450016", "https://api.bittrex.com/v3/balances", "GET", Hmac.BodySha512("")));
        Assert.Equal(
            "AccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890",
            HtxSigner.SortedQuery([new("order-id", "1234567890"), new("Timestamp", "2017-05-11T15:19:30"), new("SignatureVersion", "2"), new("AccessKeyId", "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx"), new("SignatureMethod", "HmacSHA256")]));
        Assert.Equal(
            "ad3c169203dc3026558f01b4df307641fa1fa361f086b2306658886d5708767b1854797c68d9e62fef2f991645aa82673622ebf417e091d0bd22bafe5d956cca",
            Hmac.BodySha512("{\"contract\":\"BTC_USD\",\"type\":\"limit\",\"size\":100,\"price\":6800,\"time_in_force\":\"gtc\"}"));
    }
}
