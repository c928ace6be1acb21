using Keyfolio.Exchanges.Telemetry;

namespace Keyfolio.Exchanges.Tests.Telemetry;

/// <summary>The endpoint tag of a metric or a trace: the path's words, never an account number, an identifier or a query.</summary>
public sealed class EndpointTagTests
{
    [Theory]
    [InlineData("/api/v3/account", "/api/v3/account")]
    [InlineData("/v1/account/accounts/10000001/balance", "/v1/account/accounts/{id}/balance")]
    [InlineData("/api/v3/brokerage/accounts/8bfc20d7-f7c6-4422-bf07-8243ca4169fe", "/api/v3/brokerage/accounts/{id}")]
    [InlineData("/sapi/v1/capital/config/getall", "/sapi/v1/capital/config/getall")]
    [InlineData("/0/private/Balance", "/0/private/Balance")]
    [InlineData("/accounts/42/orders", "/accounts/{id}/orders")]
    [InlineData("/api/v5/account/balance?ccy=BTC&signature=abc", "/api/v5/account/balance")]
    [InlineData("/v2/auth/r/wallets", "/v2/auth/r/wallets")]
    public void Identifiers_and_queries_never_reach_the_tag(string path, string tag) =>
        Assert.Equal(tag, ExchangeTelemetry.EndpointOf(path));
}
