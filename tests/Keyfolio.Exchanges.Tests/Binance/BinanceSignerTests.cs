using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

public sealed class BinanceSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("binance").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_binance_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == name);

        var signature = BinanceSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign);

        Assert.Equal(vector.Expected, signature);
    }

    [Fact]
    public void The_account_request_sent_is_byte_for_byte_the_cross_checked_request()
    {
        var vector = TestData.Vectors("binance").Single(v => v.Request is not null);

        using var request = SignedRequests.Create(
            new BinanceProtocol(),
            ExchangeCall.SignedGet("/api/v3/account"),
            "https://api.binance.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));

        Assert.Equal(vector.Request, "GET " + request.RequestUri!.AbsoluteUri);
        Assert.Equal(vector.Header("X-MBX-APIKEY"), SignedRequests.Header(request, "X-MBX-APIKEY"));
    }

    [Fact]
    public void Signature_comes_last_after_the_call_parameters_timestamp_and_window()
    {
        var query = BinanceSigner.SignedQuery(SignedRequests.Secret("s"), "omitZeroBalances=true", DateTimeOffset.FromUnixTimeMilliseconds(5), out var signature);

        Assert.Equal("omitZeroBalances=true&timestamp=5&recvWindow=5000&signature=" + signature, query);
        Assert.Equal(BinanceSigner.Sign(SignedRequests.Secret("s"), "omitZeroBalances=true&timestamp=5&recvWindow=5000"), signature);
    }
}
