using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.ThirdPartyClients;

/// <summary>
/// The real ccxt package from npm, pinned by the lock file beside the tests and restored with <c>npm ci</c>
/// into the test output (never committed); each call runs Node on <c>fetch-balance.mjs</c>.
/// </summary>
public sealed class CcxtClient
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Ccxt");
    private static readonly Lazy<Task> Restore = new(RestoreAsync);

    public static string PackageFolder => Path.Combine(Folder, "node_modules", "ccxt");

    public static Task EnsureRestoredAsync() => Restore.Value;

    public static async Task<JsonNode> FetchBalanceAsync(JsonObject arguments)
    {
        await EnsureRestoredAsync();
        var (exit, output, error) = await RunAsync("node", ["fetch-balance.mjs", arguments.ToJsonString()]);
        Assert.True(exit == 0 && output.Length > 0, $"node fetch-balance.mjs failed ({exit}): {error}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>Runs another ccxt method instead of <c>fetchBalance</c>: <c>loadMarkets</c>, <c>fetchCurrencies</c>, or one
    /// of ccxt's implicit API methods (its answer comes back as <c>response</c>).</summary>
    public static Task<JsonNode> CallAsync(JsonObject arguments, string call)
    {
        arguments["call"] = call;
        return FetchBalanceAsync(arguments);
    }

    private static async Task RestoreAsync()
    {
        if (File.Exists(Path.Combine(PackageFolder, "package.json")) && File.Exists(Path.Combine(Folder, "node_modules", "ccxt-bittrex", "package.json")))
        {
            return;
        }

        var (exit, output, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"]);
        if (exit != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' could not restore ccxt from the npm registry (exit {exit}). The third-party client test needs Node 20+, npm and a reachable npm registry.\n{output}\n{error}");
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{program}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{program}' is not installed or not on PATH; the third-party client test needs Node 20+ and npm.", ex);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    public static JsonObject Arguments(string exchange, Uri origin, Signing.TestKey key) => new()
    {
        ["exchange"] = exchange,
        ["origin"] = origin.GetLeftPart(UriPartial.Authority),
        ["apiKey"] = key.ApiKey,
        ["secret"] = key.Secret,
        ["password"] = key.Passphrase,
        ["options"] = JsonSerializer.SerializeToNode(new { }),
    };
}
