using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Keyfolio.Packaging.Tests;

/// <summary><c>keyfolio serve --demo</c> from an installed or published executable, on a free loopback port.</summary>
public sealed partial class RunningServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _printed = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<string> _errors;

    private RunningServe(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
        _ = ReadOutputAsync();
    }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string Printed
    {
        get
        {
            lock (_printed)
            {
                return _printed.ToString();
            }
        }
    }

    public static async Task<RunningServe> StartAsync(string executable, string home)
    {
        var info = Processes.StartInfo(executable, ["serve", "--demo", "--urls", "http://127.0.0.1:0"], home, new Dictionary<string, string?>
        {
            ["KEYFOLIO_HOME"] = home,
            ["KEYFOLIO_KDF_MEMORY_KIB"] = "19456",
            ["KEYFOLIO_KDF_PASSES"] = "2",
        });
        var serve = new RunningServe(Process.Start(info)!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await serve._ready.Task.WaitAsync(timeout.Token);
        serve.Address = new Uri(RunningAt().Match(serve.Printed).Groups[1].Value);
        return serve;
    }

    /// <summary>Stops it as Ctrl+C does (SIGINT) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        await _errors;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_printed)
            {
                _printed.AppendLine(line);
            }

            if (line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        _ready.TrySetException(new InvalidOperationException("keyfolio serve ended before it was ready:\n" + Printed + await _errors));
    }

    [GeneratedRegex(@"Keyfolio is running at (\S+)")]
    private static partial Regex RunningAt();
}
