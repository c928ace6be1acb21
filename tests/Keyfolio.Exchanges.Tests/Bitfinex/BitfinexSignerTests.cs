using Keyfolio.Exchanges.Bitfinex;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bitfinex;

public sealed class BitfinexSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("bitfinex").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_bitfinex_vector_is_reproduced_from_its_parts(string name)
    {
        var vector = TestData.Vectors("bitfinex").Single(v => v.Name == name);
        var path = name.Split(' ')[1];

        var payload = BitfinexSigner.Payload(path, long.Parse(vector.Nonce!, System.Globalization.CultureInfo.InvariantCulture), "{}");

        Assert.Equal(vector.StringToSign, payload);
        Assert.Equal(vector.Expected, BitfinexSigner.Sign(SignedRequests.Secret(vector.Secret), payload));
    }

    [Fact]
    public async Task The_wallets_request_carries_the_vector_headers_and_the_signed_body()
    {
        var vector = TestData.Vectors("bitfinex").Single(v => v.Header("bfx-signature") is not null);
        var protocol = new BitfinexProtocol(new FileNonceStore(Path.GetTempPath(), TimeProvider.System));

        using var request = SignedRequests.Create(
            protocol,
            new ExchangeCall(HttpMethod.Post, "/v2/auth/r/wallets", Body: "{}"),
            "https://api.bitfinex.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.UnixEpoch,
            nonce: 1700000000123);

        foreach (var header in new[] { "bfx-nonce", "bfx-apikey", "bfx-signature" })
        {
            Assert.Equal(vector.Header(header), SignedRequests.Header(request, header));
        }

        Assert.Equal("{}", await request.Content!.ReadAsStringAsync());
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
    }
}
