using System.Net;
using System.Net.Sockets;
using Keyfolio.Core;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

/// <summary>The Settings page's alerts card: each channel as configured, never a webhook's whole address, and the test alert.</summary>
public sealed class AlertSettingsTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task With_no_channel_on_the_card_says_how_to_turn_each_on_and_the_test_sends_nothing()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var page = await client.GetStringAsync("/settings");
        using var tested = await PageForms.SubmitAsync(client, "/settings", "alerts-test");
        var html = await tested.Content.ReadAsStringAsync();

        Assert.Contains("data-channel=\"webhook\" data-on=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains("KEYFOLIO_ALERTS__WEBHOOK__URL", page, StringComparison.Ordinal);
        Assert.Contains("KEYFOLIO_ALERTS__SMTP__HOST", page, StringComparison.Ordinal);
        Assert.Contains("No channel is on, so no test alert was sent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_to_a_webhook_that_does_not_answer_is_shown_failed_and_the_address_path_is_never_shown()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var client = await _factory.CreateSignedInClientAsync();
        _factory.Service<KeyfolioCoreOptions>().Alerts.Webhook.Url = new Uri($"http://127.0.0.1:{port}/services/T0/B0/tok3n-in-path");

        var page = await client.GetStringAsync("/settings");
        using var tested = await PageForms.SubmitAsync(client, "/settings", "alerts-test");
        var html = await tested.Content.ReadAsStringAsync();

        Assert.Contains("data-channel=\"webhook\" data-on=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}", page, StringComparison.Ordinal);
        Assert.Contains("not signed", page, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"webhook\" data-delivered=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("no answer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n-in-path", page + html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_the_address_discovery_url_redirects_so_a_reload_does_not_post_it_again()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var saved = await PageForms.SubmitAsync(client, "/settings", "egress", new Dictionary<string, string> { ["Echo.Url"] = "https://api.ipify.org", ["Echo.Discover"] = "false" });
        var after = await client.GetStringAsync(saved.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/settings?saved=egress", saved.Headers.Location.PathAndQuery);
        Assert.Contains("id=\"egress-note\"", after, StringComparison.Ordinal);
        Assert.Contains("value=\"https://api.ipify.org/\"", after, StringComparison.Ordinal);
    }
}
