using System.Net;
using System.Text;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

/// <summary>
/// Binance's <c>-2015</c> when the API restrictions still answer: the key is valid and the address allowed, so the
/// balance call lacked a permission. The simulator cannot produce this (every endpoint it serves needs only Reading),
/// so one class is tested here against answers given by a stub handler.
/// </summary>
public sealed class BinanceRejectedKeyTests
{
    [Fact]
    public async Task Rejected_balances_with_readable_restrictions_are_a_missing_permission()
    {
        var connectors = ExchangeConnectors.Create(Options(), new HttpClient(new StubBinance(restrictionsAnswer: true)));

        var result = await connectors[ExchangeId.Binance].GetBalancesAsync(Account(), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.MissingPermission, "-2015"), (result.Diagnosis?.Category, result.Diagnosis?.ExchangeCode));
        Assert.Empty(result.Diagnosis!.OtherPossibleCauses);
    }

    [Fact]
    public async Task Rejected_balances_and_rejected_restrictions_are_an_invalid_key_or_a_refused_address()
    {
        var connectors = ExchangeConnectors.Create(Options(), new HttpClient(new StubBinance(restrictionsAnswer: false)));

        var result = await connectors[ExchangeId.Binance].GetBalancesAsync(Account(), CancellationToken.None);

        Assert.Equal(DiagnosisCategory.InvalidKey, result.Diagnosis?.Category);
        Assert.Contains(DiagnosisCategory.IpNotAllowed, result.Diagnosis!.OtherPossibleCauses);
    }

    private static ExchangeClientOptions Options()
    {
        var options = new ExchangeClientOptions { StateDirectory = Path.GetTempPath() };
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Binance, BaseUrl = new Uri("https://binance.test") });
        return options;
    }

    private static ExchangeAccount Account() =>
        new(new ExchangeEndpoint(ExchangeId.Binance), TestKey.For(ExchangeId.Binance, "main").Credentials(), "stub");

    private sealed class StubBinance(bool restrictionsAnswer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = request.RequestUri!.AbsolutePath switch
            {
                "/api/v3/time" => (HttpStatusCode.OK, $$"""{"serverTime":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"""),
                "/sapi/v1/account/apiRestrictions" when restrictionsAnswer => (HttpStatusCode.OK, TestData.Fixture("binance", "apiRestrictions_GET_sapi_v1_account_apiRestrictions.json")),
                _ => (HttpStatusCode.Unauthorized, TestData.Fixture("binance", "error_-2015_rejected_key_ip_or_permission.json")),
            };
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
