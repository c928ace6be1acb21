using System.Net;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Keyfolio.Web.Tests.Security;

/// <summary>Keyfolio with --allow-remote: https with HSTS, only the names allowed, and every refusal with the security headers.</summary>
public sealed class RemoteAccessTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-remote-").FullName;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = KeyfolioWebApp.Build(
            new KeyfolioWebOptions
            {
                DataDirectory = _directory,
                Urls = ["https://0.0.0.0:5443"],
                AllowRemote = true,
                AllowedHosts = ["keyfolio.example"],
                ConfigureCore = core => core.Vault.Kdf = KdfParameters.Floor,
            },
            web => web.WebHost.UseTestServer());
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_allowed_name_over_https_gets_hsts_and_loopback_does_not()
    {
        using var remote = Client("https://keyfolio.example");
        using var loopback = Client("https://localhost");

        using var page = await remote.GetAsync("/");
        using var local = await loopback.GetAsync("/");

        Assert.NotEqual(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.NotEqual(HttpStatusCode.BadRequest, local.StatusCode);
        Assert.False(local.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData("https://keyfolio.example.attacker.example")]
    public async Task Any_other_host_name_is_refused_with_the_security_headers(string address)
    {
        using var client = Client(address);

        using var refused = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, refused.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", refused.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", refused.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public void Remote_access_without_https_or_without_allowed_names_does_not_start()
    {
        var http = Assert.Throws<Keyfolio.Web.Hosting.ListenAddressException>(() => KeyfolioWebApp.Build(
            new KeyfolioWebOptions { DataDirectory = _directory, Urls = ["http://0.0.0.0:5080"], AllowRemote = true, AllowedHosts = ["keyfolio.example"] },
            web => web.WebHost.UseTestServer()));
        var names = Assert.Throws<Keyfolio.Web.Hosting.ListenAddressException>(() => KeyfolioWebApp.Build(
            new KeyfolioWebOptions { DataDirectory = _directory, Urls = ["https://0.0.0.0:5443"], AllowRemote = true },
            web => web.WebHost.UseTestServer()));

        Assert.Contains("--insecure-http", http.Message, StringComparison.Ordinal);
        Assert.Contains("--allowed-hosts", names.Message, StringComparison.Ordinal);
    }

    private HttpClient Client(string address)
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri(address);
        return client;
    }
}
