using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

public sealed class SecurityHeadersIntegrationTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public SecurityHeadersIntegrationTests(KeyfolioWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/antiforgery")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/css/app.css")]
    [InlineData("/no-such-page")]
    [InlineData("/api/no-such-route")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Pages_and_api_answers_are_not_stored_while_static_files_are_revalidated()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var page = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/antiforgery");
        using var css = await client.GetAsync("/css/app.css");

        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.True(api.Headers.CacheControl!.NoStore);
        Assert.False(css.Headers.CacheControl!.NoStore);
        Assert.True(css.Headers.CacheControl.NoCache);
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_against_dns_rebinding()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
