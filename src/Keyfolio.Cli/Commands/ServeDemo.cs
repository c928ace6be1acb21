using System.Security.Cryptography;
using Keyfolio.Simulator;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// What <c>serve --demo</c> runs beside the web app: the exchange simulator with its demo sample (all seven
/// exchanges, healthy and problem accounts, OKX's OAuth server), a throwaway data directory so the user's own
/// data is never touched, and the demo vault's master password. Disposing stops the simulator and deletes the
/// directory.
/// </summary>
internal sealed class ServeDemo : IAsyncDisposable
{
    private ServeDemo(SimulatorHost simulator, string dataDirectory, string masterPassword)
    {
        Simulator = simulator;
        DataDirectory = dataDirectory;
        MasterPassword = masterPassword;
    }

    /// <summary>The running simulator: its <see cref="SimulatorHost.BaseUrls"/> are where the demo connections point.</summary>
    public SimulatorHost Simulator { get; }

    public string DataDirectory { get; }

    /// <summary>The demo vault's master password: random per run, printed for the person trying the demo.</summary>
    public string MasterPassword { get; }

    public static async Task<ServeDemo> StartAsync(CancellationToken cancellationToken)
    {
        var simulator = await SimulatorHost.StartAsync(SimulatorConfig.Demo(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("keyfolio-demo-").FullName;
        var password = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return new ServeDemo(simulator, directory, password);
    }

    public async Task DescribeAsync(TextWriter output)
    {
        var exchanges = string.Join(", ", Simulator.BaseUrls.Select(site => site.Key + " " + site.Value.GetLeftPart(UriPartial.Authority)));
        await output.WriteLineAsync("Simulated exchanges (offline): " + exchanges).ConfigureAwait(false);
        await output.WriteLineAsync("Demo data directory (deleted when you stop): " + DataDirectory).ConfigureAwait(false);
        await output.WriteLineAsync("Demo master password: " + MasterPassword).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync().ConfigureAwait(false);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
