using System.Net;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

public sealed class SessionCookieTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Session_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/probe/sign-in");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Session + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Antiforgery_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/antiforgery");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Antiforgery + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task Api_without_a_session_answers_401_instead_of_redirecting()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/probe/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Session_ends_after_the_idle_timeout()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await client.GetAsync("/probe/sign-in");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/probe/session")).StatusCode);

        _factory.Time.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/probe/session")).StatusCode);
    }

    [Fact]
    public async Task Activity_keeps_the_session_alive_until_the_absolute_timeout()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await client.GetAsync("/probe/sign-in");

        // Ten minutes between requests never reaches the 15-minute idle limit...
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(10))
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/probe/session")).StatusCode);
        }

        // ...but 12 hours after unlocking the session ends however busy it is.
        _factory.Time.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/probe/session")).StatusCode);
    }
}
