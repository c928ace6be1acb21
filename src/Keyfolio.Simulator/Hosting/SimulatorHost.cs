using System.Net;
using System.Text.Json;
using Keyfolio.Simulator.Exchanges;
using Keyfolio.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Simulator;

/// <summary>
/// The running simulator: every exchange (and regional site) on its own loopback port, plus the admin
/// endpoint. Dispose it to stop.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, Uri> _baseUrls;

    private SimulatorHost(WebApplication app, Dictionary<string, Uri> baseUrls, Uri adminUrl, SimulatorControl control)
    {
        _app = app;
        _baseUrls = baseUrls;
        AdminUrl = adminUrl;
        Control = control;
    }

    /// <summary>Origins (<c>http://127.0.0.1:PORT</c>) by site name: every exchange and its regional sites (<see cref="SimulatorExchanges.Sites"/>).</summary>
    public IReadOnlyDictionary<string, Uri> BaseUrls => _baseUrls;

    public Uri AdminUrl { get; }

    public SimulatorControl Control { get; }

    public Uri BaseUrl(string exchange) =>
        _baseUrls.TryGetValue(exchange, out var url)
            ? url
            : throw new ArgumentException($"'{exchange}' is not a simulated site; use one of {string.Join(", ", _baseUrls.Keys)}.", nameof(exchange));

    public static async Task<SimulatorHost> StartAsync(SimulatorConfig config, SimulatorHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new SimulatorHostOptions();
        var runtime = new SimulatorRuntime(config, options.TimeProvider);
        var sites = SimulatorExchanges.Sites.Select(name => CreateSite(runtime, name)).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var listeners = new Dictionary<string, ListenOptions>(StringComparer.Ordinal);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            foreach (var name in SimulatorExchanges.Sites.Append(SimulatorExchanges.Admin))
            {
                var port = config.Ports.TryGetValue(name, out var fixedPort) ? fixedPort : 0;
                kestrel.Listen(options.ListenAddress, port, listen => listeners[name] = listen);
            }
        });

        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        var control = new SimulatorControl(runtime);
        var sitesByPort = new Dictionary<int, ExchangeSite>();
        var admin = new AdminApi(control);
        RequestDispatcher? dispatcher = null;
        var adminPort = -1;
        app.Run(context =>
        {
            if (context.Connection.LocalPort == adminPort)
            {
                return admin.InvokeAsync(context);
            }

            if (dispatcher is null)
            {
                // A fixed port can be reached before start-up has mapped ports to sites.
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return dispatcher.InvokeAsync(context);
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var baseUrls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            var endPoint = listeners[site.Site].IPEndPoint!;
            sitesByPort[endPoint.Port] = site;
            baseUrls[site.Site] = Origin(endPoint);
        }

        var adminEndPoint = listeners[SimulatorExchanges.Admin].IPEndPoint!;
        adminPort = adminEndPoint.Port;
        dispatcher = new RequestDispatcher(runtime, sitesByPort, stopping);
        return new SimulatorHost(app, baseUrls, Origin(adminEndPoint), control);
    }

    /// <summary><c>{"binance":"http://127.0.0.1:PORT", …, "admin":"http://127.0.0.1:PORT"}</c>.</summary>
    public string ToEndpointsJson()
    {
        var endpoints = _baseUrls.ToDictionary(p => p.Key, p => p.Value.GetLeftPart(UriPartial.Authority), StringComparer.Ordinal);
        endpoints[SimulatorExchanges.Admin] = AdminUrl.GetLeftPart(UriPartial.Authority);
        return JsonSerializer.Serialize(endpoints, new JsonSerializerOptions { WriteIndented = true });
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Uri Origin(IPEndPoint endPoint) =>
        new(endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"http://[{endPoint.Address}]:{endPoint.Port}" : $"http://{endPoint.Address}:{endPoint.Port}");

    private static ExchangeSite CreateSite(SimulatorRuntime runtime, string site) => SimulatorExchanges.OfSite(site).CreateSite(runtime, site);
}
