using Keyfolio.Web.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>
/// The real Keyfolio web app (<see cref="KeyfolioWebApp.Build"/>) on a test server, with a temporary data
/// directory, a hand-moved clock and the <see cref="TestProbes"/> routes. Keyfolio.Web is a library without an
/// entry point, so the factory builds the app itself instead of running a Program; the type argument only
/// names an assembly with an entry point (this test assembly), as the base class requires.
/// </summary>
public sealed class KeyfolioWebFactory : WebApplicationFactory<KeyfolioWebFactory>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keyfolio-web-tests-" + Guid.NewGuid().ToString("N"));

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => _dataDirectory;

    /// <summary>A client that keeps cookies and talks https, as a browser on loopback would (the cookies are Secure).</summary>
    public HttpClient CreateBrowserLikeClient(string? culture = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture ?? KeyfolioCultures.English);
        return client;
    }

    // Never built: CreateHost builds the app with KeyfolioWebApp instead.
    protected override IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var options = new KeyfolioWebOptions
        {
            DataDirectory = _dataDirectory,
            TimeProvider = Time,
            AdditionalPageAssemblies = [typeof(ThrowingPage).Assembly],
        };
        var app = KeyfolioWebApp.Build(options, web => web.WebHost.UseTestServer());
        TestProbes.Map(app, Time);
        app.Start();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
