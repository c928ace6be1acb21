using Keyfolio.Simulator;
using Keyfolio.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Harness;

/// <summary>
/// Debian's Chromium driven by Playwright, the exchange simulator with its demo sample, and the real Keyfolio web app
/// on a free loopback port with a temporary data directory (for the shell and component tests). Shared by the browser
/// tests of one collection; each test opens its own context, and the flow tests start their own Keyfolio
/// (<see cref="StartKeyfolioAsync"/>) against the shared simulator.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keyfolio-browser-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SimulatorHost? _simulator;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright has not started.");

    /// <summary>The simulated exchanges with the demo sample's accounts.</summary>
    public SimulatorHost Simulator => _simulator ?? throw new InvalidOperationException("The simulator has not started.");

    public SimulatorConfig SimulatorConfig { get; } = SimulatorConfig.Demo();

    /// <summary>A Keyfolio of its own for one test, with every exchange routed to <paramref name="simulator"/> (the shared one by default).</summary>
    public Task<KeyfolioInstance> StartKeyfolioAsync(SimulatorHost? simulator = null, Action<Keyfolio.Core.KeyfolioCoreOptions>? configureCore = null) =>
        KeyfolioInstance.StartAsync(simulator ?? Simulator, configureCore);

    public async Task InitializeAsync()
    {
        var options = new KeyfolioWebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            DataDirectory = _dataDirectory,
            AdditionalPageAssemblies = [typeof(BrowserApp).Assembly],
        };
        _app = KeyfolioWebApp.Build(options);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);

        _simulator = await SimulatorHost.StartAsync(SimulatorConfig);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (own cookies) whose pages record console errors and CSP violations.</summary>
    public Task<WatchedPage> OpenPageAsync(string? locale = "en-US", BrowserNewContextOptions? options = null) => OpenPageAsync(BaseAddress, locale, options);

    /// <summary>A fresh browser context on <paramref name="baseAddress"/> whose pages record console errors and CSP violations.</summary>
    public async Task<WatchedPage> OpenPageAsync(Uri baseAddress, string? locale = "en-US", BrowserNewContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        options.Locale = locale;
        var context = await Browser.NewContextAsync(options);
        return await WatchedPage.OpenAsync(context);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
