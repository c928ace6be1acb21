using System.Net;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class AuditApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task The_log_lists_newest_first_filters_by_connection_and_action_and_pages()
    {
        var client = await app.ClientAsync();
        var gate = app.Ids["Gate main"];

        var firstPage = await ApiCalls.GetJsonAsync(client, "/api/audit?limit=5");
        var nextBefore = firstPage.GetProperty("nextBefore").GetInt64();
        var secondPage = await ApiCalls.GetJsonAsync(client, "/api/audit?limit=5&before=" + nextBefore);
        var gateCalls = await ApiCalls.GetJsonAsync(client, $"/api/audit?connection={gate}&action=exchange.call");

        var sequences = firstPage.GetProperty("entries").EnumerateArray().Concat(secondPage.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(10, sequences.Count);
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.NotEmpty(gateCalls.GetProperty("entries").EnumerateArray());
        Assert.All(gateCalls.GetProperty("entries").EnumerateArray(), e =>
        {
            Assert.Equal("exchange.call", e.GetProperty("action").GetString());
            Assert.Equal("Gate main", e.GetProperty("connectionLabel").GetString());
            Assert.StartsWith("gate ", e.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_unknown_action_is_bad_input_naming_the_codes()
    {
        var client = await app.ClientAsync();

        using var response = await client.GetAsync("/api/audit?action=nonsense");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiCalls.JsonAsync(response);
        Assert.Equal("action", problem.GetProperty("field").GetString());
        Assert.Contains("vault.unlocked", problem.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_walks_the_whole_chain()
    {
        var client = await app.ClientAsync();

        var verification = await ApiCalls.GetJsonAsync(client, "/api/audit/verify");

        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.True(verification.GetProperty("entriesChecked").GetInt64() > 10);
    }
}
