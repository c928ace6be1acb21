using System.Net;
using System.Text;
using Keyfolio.Exchanges.Tests.Support;
using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Http;

/// <summary>
/// A secret lives only in memory that is zeroed after use: the format check and the scrubbing of a refusal read it from
/// pinned buffers, never from a <see cref="string"/>, which could not be wiped and would outlive the credentials.
/// </summary>
public sealed class SecretCopiesTests
{
    [Fact]
    public async Task A_refused_call_leaves_no_copy_of_the_secret_in_memory_once_the_credentials_are_disposed()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var connectors = ExchangeConnectors.Create(new ExchangeClientOptions { MaxRetries = 0 }, new HttpClient(new RefusingGate()));
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);
        var credentials = new ExchangeCredentials(TestKey.For(ExchangeId.Gate, "main").ApiKey, secret);
        Array.Clear(secret);
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate, CustomBaseUrl: new Uri("https://gate.test/")), credentials, "connection-1");

        var balances = await connectors[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);
        var facts = await connectors[ExchangeId.Gate].GetKeyFactsAsync(account, CancellationToken.None);
        credentials.Dispose();

        Assert.Equal(DiagnosisCategory.InvalidKey, balances.Diagnosis?.Category);
        Assert.Equal(DiagnosisCategory.InvalidKey, facts.Diagnosis?.Category);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public void The_search_finds_a_string_made_from_the_secret()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);

        var copy = new string(secret);
        Array.Clear(secret);

        Assert.True(memory.CountCopies() >= 1);
        GC.KeepAlive(copy);
    }

    /// <summary>Gate refusing every request with an INVALID_KEY answer that carries a message, as a revoked key gets.</summary>
    private sealed class RefusingGate : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"label":"INVALID_KEY","message":"Invalid key provided"}""", Encoding.UTF8, "application/json"),
            });
    }
}
