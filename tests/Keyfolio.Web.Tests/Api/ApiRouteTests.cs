using System.Net;
using System.Text.Json;
using Keyfolio.Web.Api;
using Keyfolio.Web.Tests.Harness;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Tests.Api;

/// <summary>Rules every route of the API keeps, checked over the routes the app actually maps.</summary>
public sealed class ApiRouteTests(SeededApp app) : IClassFixture<SeededApp>
{
    /// <summary>Every route of the API, each with its tests in this folder; a new route fails here until it is listed (and tested).</summary>
    private static readonly string[] Expected =
    [
        "GET /api/alerts/",
        "POST /api/alerts/read",
        "GET /api/alerts/rules",
        "PATCH /api/alerts/rules",
        "GET /api/antiforgery",
        "GET /api/audit/",
        "GET /api/audit/verify",
        "GET /api/balances",
        "GET /api/connections/",
        "POST /api/connections/",
        "GET /api/connections/{id}",
        "DELETE /api/connections/{id}",
        "POST /api/connections/{id}/check",
        "PUT /api/connections/{id}/key",
        "PUT /api/connections/{id}/key/{field}",
        "POST /api/connections/{id}/refresh",
        "GET /api/connections/{id}/snapshots",
        "GET /api/connections/{id}/sub-accounts",
        "POST /api/connections/{id}/sub-accounts/refresh",
        "PUT /api/connections/{id}/sub-accounts/{subAccount}",
        "GET /api/findings",
        "GET /api/portfolio",
        "GET /api/portfolio/csv",
        "GET /api/portfolio/history",
        "POST /api/vault/lock",
        "GET /api/vault/status",
        "POST /api/vault/unlock",
    ];

    private static readonly string[] Anonymous = ["GET /api/antiforgery", "GET /api/vault/status", "POST /api/vault/unlock"];

    [Fact]
    public void The_api_maps_exactly_the_routes_its_tests_cover()
    {
        Assert.Equal(Expected.Order(StringComparer.Ordinal), Routes().Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_route_but_status_unlock_and_the_token_answers_401_without_a_session()
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        var token = await Antiforgery.ForApiAsync(client);

        foreach (var route in Routes().Where(r => !Anonymous.Contains(r.Name)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), Path(route.Pattern));
            request.Headers.Add(token.HeaderName, token.Token);
            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, route.Name + " answered " + (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Every_state_changing_route_refuses_a_request_without_the_antiforgery_token_and_changes_nothing()
    {
        var client = await app.ClientAsync();
        var before = await ApiCalls.ConnectionsStateAsync(client);

        foreach (var route in Routes().Where(r => r.Method is "POST" or "PUT" or "DELETE"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), Path(route.Pattern))
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, route.Name + " answered " + (int)response.StatusCode);
            Assert.Contains("X-Keyfolio-Antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await ApiCalls.ConnectionsStateAsync(client));
        Assert.Equal("unlocked", (await ApiCalls.GetJsonAsync(client, "/api/vault/status")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Every_route_is_described_in_the_openapi_document()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var route in Routes())
        {
            var path = route.Pattern.TrimEnd('/');
            Assert.True(paths.TryGetProperty(path, out var item), route.Name + " is not in the OpenAPI document.");
            Assert.True(item.TryGetProperty(route.Method.ToLowerInvariant(), out _), route.Name + " is not in the OpenAPI document.");
        }
    }

    private string Path(string pattern) => pattern.Replace("{id}", app.Ids["Binance main"], StringComparison.Ordinal);

    private IReadOnlyList<(string Name, string Method, string Pattern)> Routes() =>
        [.. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.Contains("probe", StringComparison.Ordinal) && !raw.Contains("openapi", StringComparison.Ordinal) && !raw.StartsWith(ApiReference.Path, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Name: m + " " + e.RoutePattern.RawText, Method: m, Pattern: e.RoutePattern.RawText!)))];
}
