using Keyfolio.Exchanges.Bybit;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bybit;

public sealed class BybitSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("bybit").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_bybit_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("bybit").Single(v => v.Name == name);

        Assert.Equal(vector.Expected, BybitSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign));
    }

    [Fact]
    public void Every_vector_string_is_built_from_its_parts()
    {
        Assert.All(TestData.Vectors("bybit"), vector => Assert.Equal(
            vector.StringToSign,
            BybitSigner.StringToSign(vector.Timestamp!, vector.ApiKey!, vector.Header("X-BAPI-RECV-WINDOW")!, vector.Body ?? QueryOf(vector.Request!))));
    }

    [Fact]
    public void The_wallet_balance_vector_is_built_and_sent_with_its_headers()
    {
        var vector = TestData.Vectors("bybit").Single(v => v.Name == "GET /v5/account/wallet-balance?accountType=UNIFIED");

        using var request = SignedRequests.Create(
            new BybitProtocol(),
            ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=UNIFIED"),
            "https://api.bybit.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));

        Assert.Equal(vector.Expected, SignedRequests.Header(request, "X-BAPI-SIGN"));
        Assert.Equal("1700000000123", SignedRequests.Header(request, "X-BAPI-TIMESTAMP"));
        Assert.Equal("5000", SignedRequests.Header(request, "X-BAPI-RECV-WINDOW"));
        Assert.Equal(vector.ApiKey, SignedRequests.Header(request, "X-BAPI-API-KEY"));
        Assert.Equal("https://api.bybit.com/v5/account/wallet-balance?accountType=UNIFIED", request.RequestUri!.AbsoluteUri);
        Assert.Null(request.Content);
    }

    [Fact]
    public void A_call_without_a_query_signs_timestamp_key_and_window_alone()
    {
        var vector = TestData.Vectors("bybit").Single(v => v.Name == "GET /v5/user/query-api (no query string)");

        using var request = SignedRequests.Create(
            new BybitProtocol(),
            ExchangeCall.SignedGet("/v5/user/query-api"),
            "https://api.bybit.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));

        Assert.Equal(vector.Expected, SignedRequests.Header(request, "X-BAPI-SIGN"));
        Assert.Equal("https://api.bybit.com/v5/user/query-api", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void A_post_signs_its_exact_body_and_sends_it_as_json()
    {
        var vector = TestData.Vectors("bybit").Single(v => v.Name == "POST compact JSON body (as ccxt/most serializers send it)");

        using var request = SignedRequests.Create(
            new BybitProtocol(),
            new ExchangeCall(HttpMethod.Post, "/v5/order/create", Body: vector.Body),
            "https://api-testnet.bybit.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(1658385579423));

        Assert.Equal(vector.Expected, SignedRequests.Header(request, "X-BAPI-SIGN"));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    private static string QueryOf(string request)
    {
        var url = request[(request.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        return mark < 0 ? string.Empty : url[(mark + 1)..];
    }
}
