using System.Text.Json;
using Keyfolio.Simulator;

namespace Keyfolio.Cli.Tests.Support;

/// <summary>A data directory of its own with a password file, over a simulator process shared by the tests of a class.</summary>
internal sealed class CliWorld : IDisposable
{
    public const string Password = "violet-harbour-lantern-42";

    public CliWorld(SimulatorProcess simulator, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Simulator = simulator;
        Environment = environment ?? new Dictionary<string, string?>();
        Home = Directory.CreateTempSubdirectory("keyfolio-cli-").FullName;
        PasswordFile = Path.Combine(Home, "..", Path.GetFileName(Home) + ".password");
        WriteOwnerOnly(PasswordFile, Password + "\n");
    }

    public SimulatorProcess Simulator { get; }

    /// <summary>Variables every command of this world runs with besides the password file (the store's settings, say).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string Home { get; }

    public string PasswordFile { get; }

    public SimulatorConfig Demo { get; } = SimulatorConfig.Demo();

    public Task<Run> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    public Task<Run> RunWithInputAsync(string? stdin, params string[] arguments) =>
        KeyfolioProcess.RunAsync(Home, stdin, new Dictionary<string, string?>(Environment) { ["KEYFOLIO_PASSWORD_FILE"] = PasswordFile }, arguments);

    /// <summary>Writes a file that holds a secret as Keyfolio asks for it: readable and writable by its owner alone.</summary>
    public static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    public SimulatorAccount Account(string label) => Demo.Accounts.Single(a => a.Label == label);

    public static string CredentialsJson(SimulatorAccount account, string? secret = null, string? passphrase = null) =>
        JsonSerializer.Serialize(new { apiKey = account.ApiKey, secret = secret ?? account.Secret, passphrase = passphrase ?? account.Passphrase });

    /// <summary><c>keyfolio connect</c> for a demo account, routed to the simulator with --api-url.</summary>
    public Task<Run> ConnectAsync(string label, params string[] extra)
    {
        var account = Account(label);
        return RunWithInputAsync(CredentialsJson(account), ["connect", account.Exchange, "--label", label, "--api-url", Simulator.Urls[account.Exchange].ToString(), "--credentials-stdin", "--json", .. extra]);
    }

    public async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var run = await RunAsync([.. arguments, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Home, recursive: true);
        File.Delete(PasswordFile);
    }
}

/// <summary>One simulator process for the tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-sim-").FullName;

    internal SimulatorProcess Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await SimulatorProcess.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
