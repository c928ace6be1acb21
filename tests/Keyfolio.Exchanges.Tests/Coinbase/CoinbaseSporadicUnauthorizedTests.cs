using System.Net;
using System.Text;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Coinbase;

/// <summary>
/// Coinbase refuses a correctly signed JWT with a bare 401 now and then and accepts the next one
/// (coinbase-advanced-py issue #132), so a 401 is sent once more with a fresh JWT before it is diagnosed. The simulator
/// answers a valid JWT every time, so the sporadic refusal comes from a stub handler.
/// </summary>
public sealed class CoinbaseSporadicUnauthorizedTests
{
    [Fact]
    public async Task A_single_401_is_sent_again_with_a_fresh_jwt_and_the_balances_are_read()
    {
        var stub = new StubCoinbase(refusals: 1);
        var connectors = ExchangeConnectors.Create(Options(), new HttpClient(stub));

        var result = await connectors[ExchangeId.Coinbase].GetBalancesAsync(Account(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Diagnosis?.Category.ToString());
        Assert.Equal(2, stub.AccountTokens.Count);
        Assert.NotEqual(stub.AccountTokens[0], stub.AccountTokens[1]);
    }

    [Fact]
    public async Task A_401_that_comes_again_is_diagnosed_after_the_second_attempt_only()
    {
        var stub = new StubCoinbase(refusals: int.MaxValue);
        var connectors = ExchangeConnectors.Create(Options(), new HttpClient(stub));

        var result = await connectors[ExchangeId.Coinbase].GetBalancesAsync(Account(), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.InvalidKey, "401"), (result.Diagnosis?.Category, result.Diagnosis?.ExchangeCode));
        Assert.Equal(2, stub.AccountTokens.Count);
    }

    private static ExchangeClientOptions Options()
    {
        var options = new ExchangeClientOptions { StateDirectory = Path.GetTempPath() };
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Coinbase, BaseUrl = new Uri("https://coinbase.test") });
        return options;
    }

    private static ExchangeAccount Account() =>
        new(new ExchangeEndpoint(ExchangeId.Coinbase), TestKey.For(ExchangeId.Coinbase, "main").Credentials(), "stub");

    private sealed class StubCoinbase(int refusals) : HttpMessageHandler
    {
        private int _refused;

        public List<string> AccountTokens { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            HttpResponseMessage response;
            if (request.RequestUri!.AbsolutePath == "/api/v3/brokerage/time")
            {
                response = Json($$"""{"iso":"{{now:O}}","epochSeconds":"{{now.ToUnixTimeSeconds()}}","epochMillis":"{{now.ToUnixTimeMilliseconds()}}"}""");
            }
            else
            {
                AccountTokens.Add(request.Headers.Authorization?.Parameter ?? string.Empty);
                response = _refused++ < refusals
                    ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("Unauthorized", Encoding.UTF8, "text/plain") }
                    : Json(TestData.Fixture("coinbase", "accounts_GET_api_v3_brokerage_accounts_page2.json"));
            }

            return Task.FromResult(response);
        }

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
