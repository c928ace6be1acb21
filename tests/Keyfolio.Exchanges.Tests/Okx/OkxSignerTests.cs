using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Okx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Okx;

public sealed class OkxSignerTests
{
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123);

    public static TheoryData<string> VectorNames => [.. TestData.Vectors("okx").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_okx_vector_is_reproduced_from_its_parts(string name)
    {
        var vector = TestData.Vectors("okx").Single(v => v.Name == name);
        var requestPath = name.Split(' ')[1];

        var preHash = OkxSigner.PreHash(OkxSigner.Timestamp(VectorTime), "GET", requestPath, null);
        var signature = OkxSigner.Sign(SignedRequests.Secret(vector.Secret), preHash);

        Assert.Equal(vector.StringToSign, preHash);
        Assert.Equal(vector.Expected, signature);
    }

    [Fact]
    public void The_balance_request_carries_the_vector_headers()
    {
        var vector = TestData.Vectors("okx").Single(v => v.Header("OK-ACCESS-SIGN") is not null);

        using var request = SignedRequests.Create(
            new OkxProtocol(),
            ExchangeCall.SignedGet("/api/v5/account/balance", "ccy=BTC"),
            "https://www.okx.com",
            vector.ApiKey!,
            vector.Secret,
            VectorTime,
            passphrase: vector.Passphrase);

        foreach (var header in new[] { "OK-ACCESS-KEY", "OK-ACCESS-PASSPHRASE", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-SIGN" })
        {
            Assert.Equal(vector.Header(header), SignedRequests.Header(request, header));
        }

        Assert.Equal("https://www.okx.com/api/v5/account/balance?ccy=BTC", request.RequestUri!.AbsoluteUri);
        Assert.False(request.Headers.Contains("x-simulated-trading"));
    }
}
