using System.Security.Cryptography;
using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

public sealed class BinanceSignerTests
{
    public static TheoryData<string> VectorNames => [.. TestData.Vectors("binance").Select(v => v.Name)];

    public static TheoryData<string> RequestVectorNames => [.. TestData.Vectors("binance").Where(v => v.Request is not null).Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_binance_vector_is_reproduced(string name)
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == name);
        var secret = SignedRequests.Secret(vector.Secret);

        var signature = vector.Get("algorithm") switch
        {
            "Ed25519" => BinanceSigner.SignEd25519(secret, vector.StringToSign),
            "RSASSA-PKCS1-v1_5-SHA256" => BinanceSigner.SignRsa(secret, vector.StringToSign),
            _ => BinanceSigner.Sign(secret, vector.StringToSign),
        };

        Assert.Equal(vector.Expected, signature);
    }

    [Theory]
    [MemberData(nameof(RequestVectorNames))]
    public void The_account_request_sent_is_byte_for_byte_the_cross_checked_request(string name)
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == name);

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

    [Theory]
    [InlineData("Ed25519 GET /api/v3/account", BinanceKeyType.Ed25519)]
    [InlineData("RSA GET /api/v3/account", BinanceKeyType.Rsa)]
    [InlineData("GET /api/v3/account", BinanceKeyType.Hmac)]
    public void The_key_type_is_read_from_the_secret(string name, BinanceKeyType expected)
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == name);

        Assert.Equal(expected, BinanceSigner.KeyTypeOf(SignedRequests.Secret(vector.Secret)));
    }

    [Fact]
    public void A_private_key_pasted_as_one_line_with_escaped_line_breaks_signs_the_same()
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == "Ed25519 GET /api/v3/account");
        var escaped = "\"" + vector.Secret.Trim().Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

        Assert.Equal(vector.Expected, BinanceSigner.SignEd25519(SignedRequests.Secret(escaped), vector.StringToSign));
    }

    [Fact]
    public void A_changed_character_in_the_private_key_is_refused_rather_than_signing_with_another_key()
    {
        var vector = TestData.Vectors("binance").Single(v => v.Name == "RSA GET /api/v3/account");
        var broken = vector.Secret.Replace("MIIEvgIBADAN", "MIIEvgIBADAM", StringComparison.Ordinal);

        Assert.Throws<CryptographicException>(() => BinanceSigner.Signature(SignedRequests.Secret(broken), vector.StringToSign));
    }
}
