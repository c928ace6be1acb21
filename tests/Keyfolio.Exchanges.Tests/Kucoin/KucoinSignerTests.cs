using System.Text;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Kucoin;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kucoin;

public sealed class KucoinSignerTests
{
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123);

    public static TheoryData<string> VectorNames => [.. TestData.Vectors("kucoin").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_kucoin_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Name == name);

        Assert.Equal(vector.Expected, KucoinSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign));
    }

    [Theory]
    [InlineData("GET /api/v1/accounts", "/api/v1/accounts", null)]
    [InlineData("GET /api/v1/accounts?currency=USDT&type=main", "/api/v1/accounts", "currency=USDT&type=main")]
    [InlineData("GET /api/v1/user/api-key", "/api/v1/user/api-key", null)]
    [InlineData("GET /api/v1/earn/hold-assets?currentPage=1&pageSize=500", "/api/v1/earn/hold-assets", "currentPage=1&pageSize=500")]
    [InlineData("GET /api/v1/account-overview?currency=USDT (futures host)", "/api/v1/account-overview", "currency=USDT")]
    [InlineData("GET with percent-encoded query: sign the DECODED query", "/api/v1/sub/api-key", "apiKey=67b3&subName=test&passphrase=abc%21%40%2311")]
    public void The_string_to_sign_is_built_from_its_parts_with_the_query_decoded(string name, string path, string? query)
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Name == name);

        Assert.Equal(vector.StringToSign, KucoinSigner.PreHash(vector.Timestamp!, "GET", KucoinSigner.RequestPath(path, query), null));
    }

    [Fact]
    public void The_documented_post_example_signs_its_body()
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Body is not null);

        Assert.Equal(vector.StringToSign, KucoinSigner.PreHash(vector.Timestamp!, "post", "/api/v1/deposit-addresses", vector.Body));
    }

    [Theory]
    [InlineData("KC-API-PASSPHRASE for key version 2/3")]
    [InlineData("KcSigner.sign primitive (SDK unit test)")]
    public void The_passphrase_header_is_the_hmac_of_the_passphrase_under_the_secret(string name)
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Name == name);
        var passphrase = vector.Get("passphrase") is { } text && vector.Get("expectedPassphraseHeader") is { } expected
            ? (Text: text, Expected: expected)
            : (Text: vector.StringToSign, Expected: vector.Expected);

        Assert.Equal(passphrase.Expected, KucoinSigner.Passphrase(SignedRequests.Secret(vector.Secret), Encoding.UTF8.GetBytes(passphrase.Text)));
    }

    [Fact]
    public void The_accounts_request_carries_the_vector_headers()
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Name == "GET /api/v1/accounts?currency=USDT&type=main");

        using var request = SignedRequests.Create(
            new KucoinProtocol(),
            ExchangeCall.SignedGet("/api/v1/accounts", "currency=USDT&type=main"),
            "https://api.kucoin.com",
            vector.ApiKey!,
            vector.Secret,
            VectorTime,
            passphrase: vector.Passphrase);

        foreach (var header in new[] { "KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE", "KC-API-KEY-VERSION" })
        {
            Assert.Equal(vector.Header(header), SignedRequests.Header(request, header));
        }

        Assert.Equal("2", SignedRequests.Header(request, "KC-API-KEY-VERSION"));
        Assert.Equal(vector.Request!["GET ".Length..], request.RequestUri!.AbsoluteUri);
        Assert.False(request.Headers.Contains("KC-API-PARTNER"));
    }

    [Fact]
    public void An_encoded_query_is_sent_encoded_and_signed_decoded()
    {
        var vector = TestData.Vectors("kucoin").Single(v => v.Name == "GET with percent-encoded query: sign the DECODED query");

        using var request = SignedRequests.Create(
            new KucoinProtocol(),
            ExchangeCall.SignedGet("/api/v1/sub/api-key", "apiKey=67b3&subName=test&passphrase=abc%21%40%2311"),
            "https://api.kucoin.com",
            vector.ApiKey!,
            vector.Secret,
            VectorTime,
            passphrase: vector.Passphrase);

        Assert.Equal(vector.Expected, SignedRequests.Header(request, "KC-API-SIGN"));
        Assert.Equal(vector.Request!["GET ".Length..], request.RequestUri!.AbsoluteUri);
    }
}
