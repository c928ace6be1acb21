using System.Net;
using Keyfolio.Vault.Kdf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>A loopback address written as an IPv4-mapped IPv6 address is listened on as the IPv4 address it names.</summary>
public sealed class MappedLoopbackListenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-mapped-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_ipv4_loopback_address_written_as_ipv6_is_listened_on_and_answers()
    {
        await using var app = KeyfolioWebApp.Build(new KeyfolioWebOptions
        {
            DataDirectory = _directory,
            Urls = ["http://[::ffff:127.0.0.1]:0"],
            ConfigureCore = core => core.Vault.Kdf = KdfParameters.Floor,
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var status = await client.GetAsync(new Uri("/api/vault/status", UriKind.Relative));
        await app.StopAsync();

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
