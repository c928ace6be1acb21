using Keyfolio.Exchanges.Gate;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Gate;

public sealed class GateSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("gate").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_gate_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("gate").Single(v => v.Name == name);

        Assert.Equal(vector.Expected, GateSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign));
    }

    [Fact]
    public void The_official_get_example_is_built_and_sent_with_its_signature()
    {
        var vector = TestData.Vectors("gate").Single(v => v.Name == "GET with query");

        using var request = SignedRequests.Create(
            new GateProtocol(),
            ExchangeCall.SignedGet("/api/v4/futures/orders", "contract=BTC_USD&status=finished&limit=50"),
            "https://api.gateio.ws",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeSeconds(1541993715));

        Assert.Equal(vector.StringToSign, GateSigner.SignatureString("GET", "/api/v4/futures/orders", "contract=BTC_USD&status=finished&limit=50", null, "1541993715"));
        Assert.Equal(vector.Expected, SignedRequests.Header(request, "SIGN"));
        Assert.Equal("1541993715", SignedRequests.Header(request, "Timestamp"));
        Assert.Equal("key", SignedRequests.Header(request, "KEY"));
        Assert.Equal("https://api.gateio.ws/api/v4/futures/orders?contract=BTC_USD&status=finished&limit=50", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void The_official_post_example_hashes_its_body()
    {
        var vector = TestData.Vectors("gate").Single(v => v.Name == "POST with JSON body");

        Assert.Equal(vector.StringToSign, GateSigner.SignatureString("POST", "/api/v4/futures/orders", null, vector.Body, "1541993715"));
    }

    [Fact]
    public void The_empty_body_hash_is_the_documented_one()
    {
        var empty = System.Text.Json.JsonDocument.Parse(TestData.Read("vectors.json")).RootElement.GetProperty("emptyBodySha512").GetString();

        Assert.Equal(empty, GateSigner.BodyHash(null));
    }
}
