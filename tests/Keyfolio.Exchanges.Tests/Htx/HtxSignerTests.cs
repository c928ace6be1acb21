using Keyfolio.Exchanges.Htx;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Htx;

public sealed class HtxSignerTests
{
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    public static TheoryData<string> VectorNames => [.. TestData.Vectors("htx").Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_htx_vector_is_reproduced_and_sent_as_the_vector_request(string name)
    {
        var vector = TestData.Vectors("htx").Single(v => v.Name == name);
        var target = new Uri("https://api.huobi.pro" + name.Split(' ')[1]);
        var call = ExchangeCall.SignedGet(target.AbsolutePath, target.Query.TrimStart('?'));

        using var request = SignedRequests.Create(new HtxProtocol(), call, "https://api.huobi.pro", vector.ApiKey!, vector.Secret, VectorTime);

        Assert.Equal(vector.Expected, HtxSigner.Sign(SignedRequests.Secret(vector.Secret), vector.StringToSign));
        Assert.Equal(vector.Request, "GET " + request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void The_pre_sign_string_uses_the_host_as_sent_lower_cased_with_its_port()
    {
        var query = HtxSigner.CanonicalQuery("k", "2023-11-14T22:13:20", [new("uid", "1")]);

        var preSign = HtxSigner.PreSign("get", "Sim.Local:5123", "/v2/user/uid", query);

        Assert.Equal("GET\nsim.local:5123\n/v2/user/uid\nAccessKeyId=k&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2023-11-14T22%3A13%3A20&uid=1", preSign);
    }

    [Fact]
    public void The_docs_pre_sign_example_is_reproduced()
    {
        var query = HtxSigner.CanonicalQuery("e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", "2017-05-11T15:19:30", [new("order-id", "1234567890")]);

        Assert.Equal(
            "GET\napi.huobi.pro\n/v1/order/orders\nAccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890",
            HtxSigner.PreSign("GET", "api.huobi.pro", "/v1/order/orders", query));
    }
}
