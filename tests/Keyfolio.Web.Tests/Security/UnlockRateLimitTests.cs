using System.Net;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

public sealed class UnlockRateLimitTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sixth_unlock_attempt_within_a_minute_is_refused_with_retry_after()
    {
        using var client = _factory.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            using var allowed = await client.PostAsync("/probe/unlock", null);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.PostAsync("/probe/unlock", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("unlock attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
