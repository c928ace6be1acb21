using System.Net;
using System.Net.Http.Json;
using Keyfolio.Web.Tests.Harness;
using Microsoft.AspNetCore.Mvc;

namespace Keyfolio.Web.Tests.Security;

public sealed class AntiforgeryTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public AntiforgeryTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task State_changing_api_request_without_the_token_is_refused_with_a_problem()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.PostAsJsonAsync("/api/probe/echo", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("X-Keyfolio-Antiforgery", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_changing_api_request_with_a_token_from_another_session_is_refused()
    {
        using var other = _factory.CreateBrowserLikeClient();
        var foreign = await Antiforgery.ForApiAsync(other);
        using var client = _factory.CreateBrowserLikeClient();
        await Antiforgery.ForApiAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/probe/echo") { Content = JsonContent.Create(new { }) };
        request.Headers.Add(foreign.HeaderName, foreign.Token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task State_changing_api_request_with_the_header_token_is_accepted()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = await Antiforgery.ForApiAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/probe/echo") { Content = JsonContent.Create(new { }) };
        request.Headers.Add(token.HeaderName, token.Token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("X-Keyfolio-Antiforgery", token.HeaderName);
    }

    [Fact]
    public async Task Form_post_without_the_token_is_refused()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await client.GetAsync("/");

        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "zh-Hans",
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/status/400", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("Keyfolio-Culture", StringComparison.Ordinal)));
    }
}
