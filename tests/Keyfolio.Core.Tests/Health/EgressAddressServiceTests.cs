using System.Net;
using Keyfolio.Core.Health;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Health;

public sealed class EgressAddressServiceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-egress-").FullName;

    [Fact]
    public async Task Without_an_echo_URL_nothing_is_asked_and_an_exchange_error_teaches_the_address()
    {
        var (service, handler) = await CreateAsync("198.51.100.4");

        Assert.Null(await service.RefreshFromEchoAsync(CancellationToken.None));
        Assert.Equal(0, handler.Calls);
        await service.LearnAsync(new Diagnosis { Category = DiagnosisCategory.IpNotAllowed, Exchange = ExchangeId.Okx, CallerIp = "203.0.113.9", Explanation = LocalizedText.Same("e"), Fix = LocalizedText.Same("f") }, CancellationToken.None);

        var known = await service.GetAsync(CancellationToken.None);
        Assert.Equal(("203.0.113.9", EgressAddressSource.ExchangeError), (known!.Address, known.Source));
    }

    [Fact]
    public async Task A_configured_echo_URL_is_asked_and_only_an_address_is_accepted()
    {
        var (service, handler) = await CreateAsync("198.51.100.4\n");
        var settings = new SettingsStore(new KeyfolioDatabase(_directory), TimeProvider.System);
        await settings.SetAsync(SettingsStore.EgressIpEchoUrl, "https://echo.example/ip", CancellationToken.None);

        var answered = await service.RefreshFromEchoAsync(CancellationToken.None);
        handler.Answer = "<html>not an address</html>";
        var garbage = await service.RefreshFromEchoAsync(CancellationToken.None);

        Assert.Equal("198.51.100.4", answered!.Address);
        Assert.Null(garbage);
        Assert.Equal("198.51.100.4", (await service.GetAsync(CancellationToken.None))!.Address);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task The_configured_echo_URL_is_asked_until_another_is_chosen_and_applies_again_when_that_is_cleared()
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(CancellationToken.None);
        var handler = new EchoHandler { Answer = "198.51.100.7" };
        var settings = new SettingsStore(database, TimeProvider.System);
        var service = new EgressAddressService(settings, TimeProvider.System, new HttpClient(handler), new Uri("https://configured.example/ip"));

        var configured = await service.GetEchoUrlAsync(CancellationToken.None);
        var asked = await service.RefreshFromEchoAsync(CancellationToken.None);
        var firstAsked = handler.LastUri;
        await service.SetEchoUrlAsync("https://chosen.example/ip", CancellationToken.None);
        var chosen = await service.GetEchoUrlAsync(CancellationToken.None);
        await service.RefreshFromEchoAsync(CancellationToken.None);
        var secondAsked = handler.LastUri;
        await service.SetEchoUrlAsync(null, CancellationToken.None);

        Assert.Equal(new Uri("https://configured.example/ip"), configured);
        Assert.Equal(("198.51.100.7", EgressAddressSource.EchoService), (asked!.Address, asked.Source));
        Assert.Equal(new Uri("https://configured.example/ip"), firstAsked);
        Assert.Equal(new Uri("https://chosen.example/ip"), chosen);
        Assert.Equal(new Uri("https://chosen.example/ip"), secondAsked);
        Assert.Equal(new Uri("https://configured.example/ip"), await service.GetEchoUrlAsync(CancellationToken.None));
        Assert.Equal(new Uri("https://configured.example/ip"), service.ConfiguredEchoUrl);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(EgressAddressService Service, EchoHandler Handler)> CreateAsync(string answer)
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(CancellationToken.None);
        var handler = new EchoHandler { Answer = answer };
        return (new EgressAddressService(new SettingsStore(database, TimeProvider.System), TimeProvider.System, new HttpClient(handler)), handler);
    }

    /// <summary>Stands in for the echo service: answers every request with a fixed text.</summary>
    private sealed class EchoHandler : HttpMessageHandler
    {
        public string Answer { get; set; } = string.Empty;

        public int Calls { get; private set; }

        public Uri? LastUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastUri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Answer) });
        }
    }
}
