using System.Net;
using System.Text.Json;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class OpenApiDocumentTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public OpenApiDocumentTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task OpenApi_document_is_served_at_its_stable_path_and_describes_only_the_api()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Keyfolio API", root.GetProperty("info").GetProperty("title").GetString());
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/antiforgery", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/", path, StringComparison.Ordinal));
    }
}
