using System.Net;
using System.Text.RegularExpressions;
using Keyfolio.Testing;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Connections;

public sealed partial class FastConnectTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Fast_connect_goes_to_the_consent_page_and_back_to_a_connected_read_only_key()
    {
        await app.ConfigureFastConnectAsync(new Uri("http://127.0.0.1:5080/connections/okx/callback"));
        var client = await app.ClientAsync();
        using var consent = new ConsentBrowser();

        using var started = await PageForms.SubmitAsync(client, "/connections/new/okx", "fast", new Dictionary<string, string> { ["Fast.Label"] = "OKX fast" });
        var interstitial = await started.Content.ReadAsStringAsync();
        var authorize = new Uri(WebUtility.HtmlDecode(Refresh().Match(interstitial).Groups[1].Value));
        var callback = await consent.ClickAsync(authorize, "approve");
        using var returned = await client.GetAsync(callback.PathAndQuery);
        var detail = await client.GetStringAsync(returned.Headers.Location!.PathAndQuery);

        Assert.Equal(app.Simulator.BaseUrl("okx").Authority, authorize.Authority);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:5080/connections/okx/callback"), authorize.Query, StringComparison.Ordinal);
        Assert.Equal("/connections/okx/callback", callback.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal("?added=fast", returned.Headers.Location.Query);
        Assert.Contains("OKX fast", detail, StringComparison.Ordinal);
        Assert.Contains("is connected", detail, StringComparison.Ordinal);
        Assert.Contains("read_only", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arriving_from_okx_without_the_session_cookie_reopens_the_callback_from_this_site()
    {
        using var crossSite = app.Factory.CreateBrowserLikeClient();

        using var arrived = await crossSite.GetAsync("/connections/okx/callback?code=abc&state=xyz");
        var html = await arrived.Content.ReadAsStringAsync();
        using var second = await crossSite.GetAsync("/connections/okx/callback?code=abc&state=xyz&hop=1");

        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode);
        Assert.Equal("/connections/okx/callback?code=abc&state=xyz&hop=1", WebUtility.HtmlDecode(Refresh().Match(html).Groups[1].Value));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/unlock", second.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_callback_that_does_not_belong_to_this_session_is_explained_and_adds_nothing()
    {
        var client = await app.ClientAsync();
        var before = await ApiCalls.ConnectionsStateAsync(client);

        var html = await client.GetStringAsync("/connections/okx/callback?code=forged&state=forged");

        Assert.Contains("id=\"fast-error\"", html, StringComparison.Ordinal);
        Assert.Contains("No Fast connect was started in this browser session", html, StringComparison.Ordinal);
        Assert.Equal(before, await ApiCalls.ConnectionsStateAsync(client));
    }

    [GeneratedRegex("<meta http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"")]
    private static partial Regex Refresh();
}
