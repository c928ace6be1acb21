using Keyfolio.Exchanges.Bittrex;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bittrex;

public sealed class BittrexSignerTests
{
    [Fact]
    public void The_balances_vector_is_reproduced_with_the_official_pre_sign_string()
    {
        var vector = TestData.Vectors("bittrex").Single();

        using var request = SignedRequests.Create(
            new BittrexProtocol(),
            ExchangeCall.SignedGet("/v3/balances"),
            "https://api.bittrex.com",
            "key",
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1542323450016));

        Assert.Equal(vector.StringToSign, BittrexSigner.PreSign("1542323450016", "https://api.bittrex.com/v3/balances", "GET", BittrexSigner.ContentHash(null)));
        Assert.Equal(vector.Expected, SignedRequests.Header(request, "Api-Signature"));
        Assert.Equal("1542323450016", SignedRequests.Header(request, "Api-Timestamp"));
        Assert.Equal(BittrexSigner.ContentHash(string.Empty), SignedRequests.Header(request, "Api-Content-Hash"));
    }
}
