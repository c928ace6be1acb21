using System.Net;
using System.Text.Json;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class ProblemDetailsTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public ProblemDetailsTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Unknown_api_route_answers_a_404_problem()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Failing_api_call_answers_a_500_problem_without_exception_text_or_stack_trace()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/probe/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestProbes.Canary, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Failing_page_shows_the_error_page_without_exception_text()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/probe/broken-page");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestProbes.Canary, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_shows_the_not_found_page()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
