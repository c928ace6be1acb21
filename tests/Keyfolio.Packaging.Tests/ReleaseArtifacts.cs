using System.Diagnostics;
using System.Text;
using System.Xml.Linq;

namespace Keyfolio.Packaging.Tests;

/// <summary>
/// Runs <c>build/release.sh</c> once for the tests of a class: the linux-x64 single-file executable and the .NET tool
/// package (packed from the build the tests run against), into a temporary folder that is removed afterwards.
/// </summary>
public sealed class ReleaseArtifacts : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("keyfolio-release-").FullName;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string SingleFile => Path.Combine(Folder, "linux-x64", "keyfolio");

    public string Version { get; private set; } = string.Empty;

    public string ScriptOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Version = (string?)XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single()
            ?? throw new InvalidOperationException("Directory.Build.props names no VersionPrefix.");
        var run = await Processes.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot, "build", "release.sh"), "--rid", "linux-x64", "--out", Folder, "--tool-from-build"],
            RepositoryRoot,
            new Dictionary<string, string?> { ["KEYFOLIO_RELEASE_CONFIGURATION"] = BuildConfiguration() },
            // A guard against a hung build, not a speed target: on a quiet machine the release build takes a few minutes, on
            // two cores shared with the other test projects it has taken over twenty.
            TimeSpan.FromMinutes(45));
        ScriptOutput = run.Output + run.Error;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("build/release.sh failed with exit code " + run.ExitCode + ":\n" + ScriptOutput);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The configuration this test assembly was built in (bin/&lt;configuration&gt;/net10.0), which the tool is packed from.</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Keyfolio.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Keyfolio.slnx was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A finished child process: its exit code and what it printed.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error);

public static class Processes
{
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["KEYFOLIO_PASSWORD_FILE"] = null;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, workingDirectory, environment))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + string.Join(' ', arguments) + " did not finish within " + timeout + ".\n" + await output + await error);
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }
}
