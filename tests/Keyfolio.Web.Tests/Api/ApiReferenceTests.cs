using System.Net;
using System.Text.RegularExpressions;
using Keyfolio.Web.Api;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed partial class ApiReferenceTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public ApiReferenceTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task The_reference_page_points_at_the_openapi_document_and_runs_only_scripts_of_its_own_answer()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var bare = await client.GetAsync(ApiReference.Path);
        using var first = await client.GetAsync(ApiReference.Path + "/");
        using var second = await client.GetAsync(ApiReference.Path + "/");

        Assert.Equal(HttpStatusCode.Found, bare.StatusCode);
        Assert.Equal(ApiReference.Path + "/", new Uri(new Uri("http://127.0.0.1" + ApiReference.Path), bare.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("Keyfolio API reference", html, StringComparison.Ordinal);
        Assert.Contains("api/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith(SecurityHeaders.ContentSecurityPolicy + ";", policy, StringComparison.Ordinal);
        var nonce = Nonce().Match(policy);
        Assert.True(nonce.Success, policy);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split("style-src")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", tag.Value, StringComparison.Ordinal));

        var secondPolicy = second.Headers.GetValues("Content-Security-Policy").Single();
        Assert.NotEqual(nonce.Groups[1].Value, Nonce().Match(secondPolicy).Groups[1].Value);
        Assert.True(first.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_reference_page_serves_its_script_from_the_app_and_other_pages_keep_the_strict_policy()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var script = await client.GetAsync(ApiReference.Path + "/scalar.js");
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [GeneratedRegex("script-src 'self' 'nonce-([A-Za-z0-9+/=_-]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
