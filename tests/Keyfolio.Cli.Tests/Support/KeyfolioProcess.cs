using System.Diagnostics;
using System.Text;

namespace Keyfolio.Cli.Tests.Support;

/// <summary>Runs the real <c>keyfolio</c> executable (the built keyfolio.dll through dotnet) as a child process.</summary>
internal static class KeyfolioProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "keyfolio.dll");

    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["KEYFOLIO_HOME"] = home;
        info.Environment["KEYFOLIO_PASSWORD_FILE"] = null;
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Vaults the tests make derive their keys at Argon2id's floor, not at the production work factor: the tests are
        // about behaviour, and the defaults are tested where they are the subject (InitTests).
        info.Environment[Keyfolio.Core.Settings.KdfEnvironment.MemoryVariable] = "19456";
        info.Environment[Keyfolio.Core.Settings.KdfEnvironment.PassesVariable] = "2";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Runs a command to its end, feeding <paramref name="stdin"/>; returns its exit code and output.</summary>
    public static async Task<Run> RunAsync(string home, string? stdin, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(home, arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await error);
    }
}

/// <summary>A finished command: its exit code, standard output and standard error.</summary>
internal sealed record Run(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
