using System.Net;
using System.Text;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kraken;

/// <summary>A Kraken host that does not serve GetApiKeyInfo: the key's withdrawal right is probed, never assumed absent.</summary>
public sealed class KrakenUndescribedKeyTests
{
    [Theory]
    [InlineData("""{"error":[],"result":[{"asset":"XXBT","method":"Bitcoin"}]}""", PermissionState.Granted)]
    [InlineData("""{"error":["EGeneral:Permission denied"]}""", PermissionState.Absent)]
    [InlineData("""{"error":["EService:Unavailable"]}""", PermissionState.Unknown)]
    public async Task The_withdrawal_right_is_what_the_withdrawal_methods_probe_finds(string withdrawMethods, PermissionState expected)
    {
        var kraken = new KrakenWithoutKeyInfo(withdrawMethods);
        var state = Path.Combine(Path.GetTempPath(), "keyfolio-kraken-tests", Guid.NewGuid().ToString("N"));
        var connectors = ExchangeConnectors.Create(new ExchangeClientOptions { MaxRetries = 0, StateDirectory = state }, new HttpClient(kraken));
        var key = TestKey.For(ExchangeId.Kraken, "main");
        using var credentials = key.Credentials();
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Kraken, CustomBaseUrl: new Uri("https://kraken.test/")), credentials, "connection-1");

        var facts = await connectors[ExchangeId.Kraken].GetKeyFactsAsync(account, CancellationToken.None);

        Assert.True(facts.IsSuccess, facts.ToString());
        Assert.True(facts.Value.Inferred);
        Assert.Equal(PermissionState.Granted, facts.Value[KeyPermission.Read]);
        Assert.Equal(expected, facts.Value[KeyPermission.Withdraw]);
        Assert.Equal(PermissionState.Unknown, facts.Value[KeyPermission.SpotTrade]);
        Assert.Equal(["/0/private/GetApiKeyInfo", "/0/private/WithdrawMethods"], kraken.Paths);
        Directory.Delete(state, recursive: true);
    }

    /// <summary>Answers 404 to GetApiKeyInfo, as a host without the endpoint would, and the given body to WithdrawMethods.</summary>
    private sealed class KrakenWithoutKeyInfo(string withdrawMethods) : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            return Task.FromResult(path == "/0/private/GetApiKeyInfo"
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("", Encoding.UTF8, "text/plain") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(withdrawMethods, Encoding.UTF8, "application/json") });
        }
    }
}
