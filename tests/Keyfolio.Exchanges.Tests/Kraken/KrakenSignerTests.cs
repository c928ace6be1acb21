using System.Globalization;
using System.Text;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Kraken;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kraken;

public sealed class KrakenSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("kraken").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_kraken_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("kraken").Single(v => v.Name == name);

        Assert.Equal(vector.MessageHex, Convert.ToHexStringLower(KrakenSigner.Message(vector.UriPath!, vector.Nonce!, vector.PostData!)));
        Assert.Equal(vector.Expected, KrakenSigner.Sign(SignedRequests.Secret(vector.Secret), vector.UriPath!, vector.Nonce!, vector.PostData!));
    }

    [Fact]
    public void The_official_example_is_signed_with_the_decoded_secret_not_its_text()
    {
        var vector = TestData.Vectors("kraken").Single(v => v.Name.StartsWith("official", StringComparison.Ordinal));

        Assert.Equal(vector.Expected, KrakenSigner.SignWithKey(Convert.FromBase64String(vector.Secret), vector.UriPath!, vector.Nonce!, vector.PostData!));
        Assert.NotEqual(vector.Expected, KrakenSigner.SignWithKey(Encoding.UTF8.GetBytes(vector.Secret), vector.UriPath!, vector.Nonce!, vector.PostData!));
    }

    [Fact]
    public async Task The_balance_request_carries_the_vector_headers_and_the_signed_form_body()
    {
        var vector = TestData.Vectors("kraken").Single(v => v.UriPath == "/0/private/Balance");
        var protocol = new KrakenProtocol(new FileNonceStore(Path.GetTempPath(), TimeProvider.System));

        using var request = SignedRequests.Create(
            protocol,
            new ExchangeCall(HttpMethod.Post, "/0/private/Balance"),
            "https://api.kraken.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.UnixEpoch,
            nonce: long.Parse(vector.Nonce!, CultureInfo.InvariantCulture));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.kraken.com/0/private/Balance", request.RequestUri!.AbsoluteUri);
        Assert.Equal(vector.Header("API-Key"), SignedRequests.Header(request, "API-Key"));
        Assert.Equal(vector.Header("API-Sign"), SignedRequests.Header(request, "API-Sign"));
        Assert.Equal(vector.PostData, await request.Content!.ReadAsStringAsync());
        Assert.Equal(vector.Header("Content-Type"), request.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_key_with_two_factor_authentication_sends_its_password_as_otp_inside_the_signed_body()
    {
        var vector = TestData.Vectors("kraken").Single(v => v.UriPath == "/0/private/BalanceEx");

        using var request = SignedRequests.Create(
            new KrakenProtocol(new FileNonceStore(Path.GetTempPath(), TimeProvider.System)),
            new ExchangeCall(HttpMethod.Post, "/0/private/BalanceEx"),
            "https://api.kraken.com",
            vector.ApiKey!,
            vector.Secret,
            DateTimeOffset.UnixEpoch,
            nonce: long.Parse(vector.Nonce!, CultureInfo.InvariantCulture),
            passphrase: "123456");

        Assert.Equal(vector.PostData, await request.Content!.ReadAsStringAsync());
        Assert.Equal(vector.Header("API-Sign"), SignedRequests.Header(request, "API-Sign"));
    }

    [Fact]
    public void A_call_s_own_fields_follow_the_nonce_in_the_body()
    {
        using var credentials = new ExchangeCredentials("key", "c2VjcmV0");

        Assert.Equal("nonce=7&hide_zero_allocations=true", KrakenProtocol.Body(7, "hide_zero_allocations=true", credentials));
    }
}
