using System.Net;
using Keyfolio.Web.Telemetry;
using Keyfolio.Web.Tests.Harness;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary><c>/metrics</c>: absent unless <c>Metrics:Prometheus</c> is on, and then for loopback only unless remote scraping is allowed.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task Without_the_setting_metrics_is_not_found()
    {
        using var app = new KeyfolioWebFactory();
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_the_setting_loopback_may_scrape_and_another_machine_is_refused()
    {
        using var app = new KeyfolioWebFactory { Telemetry = new KeyfolioTelemetryOptions { Prometheus = true } };

        var loopback = await ScrapeAsync(app, IPAddress.Loopback);
        var mapped = await ScrapeAsync(app, IPAddress.Loopback.MapToIPv6());
        var ipv6 = await ScrapeAsync(app, IPAddress.IPv6Loopback);
        var remote = await ScrapeAsync(app, Elsewhere);
        var unknown = await ScrapeAsync(app, null);

        Assert.Equal(StatusCodes.Status200OK, loopback.Status);
        Assert.Contains("target_info", loopback.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status200OK, mapped.Status);
        Assert.Equal(StatusCodes.Status200OK, ipv6.Status);
        Assert.Equal(StatusCodes.Status403Forbidden, remote.Status);
        Assert.Contains("Metrics:AllowRemote", remote.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("keyfolio_", remote.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status403Forbidden, unknown.Status);
    }

    [Fact]
    public async Task With_remote_scraping_allowed_another_machine_may_scrape()
    {
        using var app = new KeyfolioWebFactory { Telemetry = new KeyfolioTelemetryOptions { Prometheus = true, PrometheusAllowRemote = true } };

        var remote = await ScrapeAsync(app, Elsewhere);

        Assert.Equal(StatusCodes.Status200OK, remote.Status);
        Assert.Contains("target_info", remote.Body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body)> ScrapeAsync(KeyfolioWebFactory app, IPAddress? from)
    {
        var context = await app.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Scheme = "https";
            request.Request.Host = new HostString("localhost");
            request.Request.Path = "/metrics";
            request.Connection.RemoteIpAddress = from;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
