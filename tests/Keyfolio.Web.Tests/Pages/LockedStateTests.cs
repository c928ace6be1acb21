using System.Net;
using Keyfolio.Core.Access;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

public sealed class LockedStateTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task While_locked_the_pages_show_only_the_cached_total_marked_as_such()
    {
        using var client = await app.Factory.CreateSignedInClientAsync();
        var exchanges = await client.GetStringAsync("/exchanges");
        Assert.Contains("Binance main", exchanges, StringComparison.Ordinal);
        var token = await Antiforgery.FromPageAsync(client, "/exchanges");

        using var locked = await client.PostAsync("/lock", new FormUrlEncodedContent([new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token))]));
        using var redirected = await client.GetAsync("/exchanges");
        var unlock = await client.GetStringAsync(redirected.Headers.Location!.PathAndQuery);

        Assert.Equal("/unlock?locked=1", locked.Headers.Location!.OriginalString);
        Assert.False(app.Factory.Service<VaultAccess>().IsUnlocked);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/unlock", redirected.Headers.Location.AbsolutePath);
        Assert.Contains("id=\"cached-total\"", unlock, StringComparison.Ordinal);
        Assert.Contains("cached", unlock, StringComparison.Ordinal);
        foreach (var label in SeededApp.Seeded)
        {
            Assert.DoesNotContain(label, unlock, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("BTC", unlock, StringComparison.Ordinal);
        foreach (var path in new[] { "/portfolio", "/health", "/activity", "/settings", "/connections/" + app.Ids["Binance main"], "/api/portfolio/csv" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, path + " answered " + (int)response.StatusCode);
        }
    }
}
