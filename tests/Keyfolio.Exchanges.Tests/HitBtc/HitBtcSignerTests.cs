using Keyfolio.Exchanges.HitBtc;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.HitBtc;

public sealed class HitBtcSignerTests
{
    [Fact]
    public void The_balance_vector_is_reproduced_down_to_the_authorization_header()
    {
        var vector = TestData.Vectors("hitbtc").Single();

        using var request = SignedRequests.Create(
            new HitBtcProtocol(),
            ExchangeCall.SignedGet("/api/3/spot/balance"),
            "https://api.hitbtc.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));

        Assert.Equal(vector.StringToSign, HitBtcSigner.Message("GET", "/api/3/spot/balance", null, null, 1700000000123));
        Assert.Equal(vector.Expected, HitBtcSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign));
        Assert.Equal(vector.AuthorizationHeader, SignedRequests.Header(request, "Authorization"));
    }

    [Fact]
    public void A_get_signs_its_query_and_a_post_its_body()
    {
        Assert.Equal("GET/api/3/spot/order?symbol=BTCUSDT5", HitBtcSigner.Message("get", "/api/3/spot/order", "symbol=BTCUSDT", "ignored", 5));
        Assert.Equal("POST/api/3/spot/order{\"a\":1}5", HitBtcSigner.Message("POST", "/api/3/spot/order", "ignored", "{\"a\":1}", 5));
    }
}
