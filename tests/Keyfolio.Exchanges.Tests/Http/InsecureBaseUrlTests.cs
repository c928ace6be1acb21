using System.Collections.Concurrent;
using System.Net;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Http;

/// <summary>Signed calls carry the key and a signature: they go over https, or plain http to this machine's loopback
/// address only (a simulator or a local proxy), and never reach the network otherwise.</summary>
public sealed class InsecureBaseUrlTests
{
    [Theory]
    [InlineData("http://192.0.2.10:8080/")]
    [InlineData("http://proxy.example/")]
    public async Task A_custom_base_url_over_plain_http_to_another_host_is_refused_before_anything_is_sent(string url)
    {
        var wire = new RecordingHandler();
        var connectors = ExchangeConnectors.Create(new ExchangeClientOptions { MaxRetries = 0 }, new HttpClient(wire));
        using var credentials = TestKey.For(ExchangeId.Gate, "main").Credentials();
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate, CustomBaseUrl: new Uri(url)), credentials, "connection-1");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => connectors[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None));

        Assert.Contains("CustomBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Hosts);
    }

    [Theory]
    [InlineData("https://proxy.example/")]
    [InlineData("http://127.0.0.1:41003/")]
    [InlineData("http://localhost:41003/")]
    [InlineData("http://[::1]:41003/")]
    public async Task Https_anywhere_and_plain_http_on_loopback_are_sent(string url)
    {
        var wire = new RecordingHandler();
        var connectors = ExchangeConnectors.Create(new ExchangeClientOptions { MaxRetries = 0 }, new HttpClient(wire));
        using var credentials = TestKey.For(ExchangeId.Gate, "main").Credentials();
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate, CustomBaseUrl: new Uri(url)), credentials, "connection-1");

        await connectors[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.Contains(new Uri(url).Host, wire.Hosts);
    }

    [Theory]
    [InlineData("http://192.0.2.10:8080", false)]
    [InlineData("http://proxy.example", false)]
    [InlineData("https://proxy.example", true)]
    [InlineData("http://127.0.0.1:41003", true)]
    [InlineData("http://localhost:41003", true)]
    public void A_host_override_must_use_https_unless_it_is_loopback(string url, bool accepted)
    {
        var options = new ExchangeClientOptions();
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Okx, BaseUrl = new Uri(url) });

        var result = new ExchangeClientOptionsValidator().Validate(null, options);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            var failure = Assert.Single(result.Failures!);
            Assert.Contains("HostOverrides", failure, StringComparison.Ordinal);
            Assert.Contains("okx", failure, StringComparison.Ordinal);
            Assert.Contains("https", failure, StringComparison.Ordinal);
        }
    }

    /// <summary>The wire: notes each request's host and answers 503, so nothing leaves the process.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public ConcurrentQueue<string> Hosts { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Hosts.Enqueue(request.RequestUri!.Host);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
