using System.Security.Cryptography;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// What <c>serve --demo</c> runs beside the web app: a throwaway data directory, deleted when the demo stops, so
/// the user's own data directory is never touched, and the demo's master password.
/// </summary>
internal sealed class ServeDemo : IAsyncDisposable
{
    private ServeDemo(string dataDirectory, string masterPassword)
    {
        DataDirectory = dataDirectory;
        MasterPassword = masterPassword;
    }

    public string DataDirectory { get; }

    /// <summary>The demo vault's master password: random per run, printed for the person trying the demo.</summary>
    public string MasterPassword { get; }

    public static Task<ServeDemo> StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Directory.CreateTempSubdirectory("keyfolio-demo-").FullName;
        var password = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return Task.FromResult(new ServeDemo(directory, password));
    }

    public async Task DescribeAsync(TextWriter output)
    {
        await output.WriteLineAsync("Demo data directory (deleted when you stop): " + DataDirectory).ConfigureAwait(false);
        await output.WriteLineAsync("Demo master password: " + MasterPassword).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
