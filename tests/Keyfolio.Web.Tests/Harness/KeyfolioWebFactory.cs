using System.Net.Http.Json;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Testing;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>
/// The real Keyfolio web app (<see cref="KeyfolioWebApp.Build"/>) on a test server, with a temporary data directory,
/// the <see cref="TestProbes"/> routes and, when given a simulator, every exchange routed to it. Without a simulator
/// the clock is moved by hand (session expiry); with one it is the system's, which the simulated exchanges share.
/// Every client it makes checks every answer against <see cref="Canaries"/>: a secret in a body or a header fails the
/// test on the spot. Keyfolio.Web is a library without an entry point, so the factory builds the app itself; the type
/// argument only names an assembly with an entry point (this test assembly), as the base class requires.
/// </summary>
public sealed class KeyfolioWebFactory : WebApplicationFactory<KeyfolioWebFactory>
{
    public const string Password = "violet-harbour-lantern-42";

    private readonly string _dataDirectory;
    private readonly bool _ownsDirectory;
    private readonly SimulatorHost? _simulator;
    private readonly Action<KeyfolioCoreOptions>? _configureCore;

    public KeyfolioWebFactory()
        : this(null, null, null)
    {
    }

    private KeyfolioWebFactory(SimulatorHost? simulator, Action<KeyfolioCoreOptions>? configureCore, string? dataDirectory)
    {
        _ownsDirectory = dataDirectory is null;
        _dataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "keyfolio-web-tests-" + Guid.NewGuid().ToString("N"));
        _simulator = simulator;
        _configureCore = configureCore;
        Clock = simulator is null ? Time : TimeProvider.System;
    }

    /// <summary>The app with every exchange routed to <paramref name="simulator"/>, on the system clock.</summary>
    public static KeyfolioWebFactory WithSimulator(SimulatorHost simulator, Action<KeyfolioCoreOptions>? configureCore = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return new KeyfolioWebFactory(simulator, configureCore, null);
    }

    /// <summary>The app over an existing data directory, which it leaves in place (to start Keyfolio again on the same data).</summary>
    public static KeyfolioWebFactory Over(string dataDirectory, Action<KeyfolioCoreOptions>? configureCore = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return new KeyfolioWebFactory(null, configureCore, dataDirectory);
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The app's clock: <see cref="Time"/>, or the system's beside a simulator.</summary>
    public TimeProvider Clock { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary>Metrics and traces, off unless a test turns them on.</summary>
    public Keyfolio.Web.Telemetry.KeyfolioTelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Secrets that must never appear in any answer.</summary>
    public CanarySet Canaries { get; } = new();

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client that keeps cookies and talks https, as a browser on loopback would (the cookies are Secure).</summary>
    public HttpClient CreateBrowserLikeClient(string? culture = null)
    {
        var client = CreateDefaultClient(new Uri("https://localhost"), new CanaryScanner(Canaries), new CookieContainerHandler());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture ?? KeyfolioCultures.English);
        return client;
    }

    /// <summary>Creates the vault when there is none (which leaves it unlocked).</summary>
    public async Task EnsureVaultAsync()
    {
        var vault = Service<VaultAccess>();
        if (!await vault.ExistsAsync(CancellationToken.None))
        {
            var created = await vault.CreateAsync(Password, withRecoveryKey: false, CancellationToken.None);
            Assert.True(created.IsSuccess, created.Error?.ToString());
        }
    }

    /// <summary>A browser-like client signed in through <c>POST /api/vault/unlock</c>, the vault created first when needed.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string? culture = null)
    {
        await EnsureVaultAsync();
        var client = CreateBrowserLikeClient(culture);
        var token = await Antiforgery.ForApiAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/vault/unlock") { Content = JsonContent.Create(new { password = Password }) };
        request.Headers.Add(token.HeaderName, token.Token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, "Unlocking answered " + (int)response.StatusCode + ": " + await response.Content.ReadAsStringAsync());
        return client;
    }

    // Never built: CreateHost builds the app with KeyfolioWebApp instead.
    protected override IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var options = new KeyfolioWebOptions
        {
            DataDirectory = _dataDirectory,
            TimeProvider = Clock,
            AdditionalPageAssemblies = [typeof(ThrowingPage).Assembly],
            Telemetry = Telemetry,
            ConfigureCore = core =>
            {
                core.Vault.Kdf = KdfParameters.Floor;
                core.Exchanges.MaxRetries = 0;
                if (_simulator is not null)
                {
                    foreach (var exchange in ExchangeIds.All)
                    {
                        core.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = _simulator.BaseUrl(exchange.ToName()) });
                    }
                }

                _configureCore?.Invoke(core);
            },
        };
        var app = KeyfolioWebApp.Build(options, web => web.WebHost.UseTestServer());
        TestProbes.Map(app);
        app.Start();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory && Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
