using Keyfolio.Simulator;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>The web app over the simulator's demo sample with a vault and one signed-in client, nothing added yet.</summary>
public sealed class SignedInApp : IAsyncLifetime
{
    private SimulatorHost? _simulator;
    private KeyfolioWebFactory? _factory;
    private HttpClient? _client;

    public SimulatorConfig Config { get; } = SimulatorConfig.Demo();

    public KeyfolioWebFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    /// <summary>The sample's first Gate account.</summary>
    public SimulatorAccount Gate => Config.Accounts.First(a => a.Exchange == "gate");

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(Config);
        _factory = KeyfolioWebFactory.WithSimulator(_simulator);
        _client = await _factory.CreateSignedInClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
