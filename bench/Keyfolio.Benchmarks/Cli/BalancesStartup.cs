using System.Diagnostics;
using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Vault;
using Keyfolio.Vault.Kdf;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Benchmarks.Cli;

/// <summary>
/// <c>cli-balances KEYFOLIO_DLL [runs]</c>: the wall time of <c>keyfolio balances --json</c> from process start to exit,
/// reading the cached snapshots of seven connections (no password, so no key derivation).
/// </summary>
internal static class BalancesStartup
{
    public static async Task<int> RunAsync(string[] args)
    {
        var executable = Path.GetFullPath(args[0]);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var home = Directory.CreateTempSubdirectory("keyfolio-bench-cli-").FullName;
        try
        {
            await SeedAsync(home);
            var times = new List<TimeSpan>();
            for (var run = 0; run <= runs; run++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                info.ArgumentList.Add(executable);
                info.ArgumentList.Add("balances");
                info.ArgumentList.Add("--json");
                info.Environment["KEYFOLIO_HOME"] = home;
                var watch = Stopwatch.StartNew();
                using var process = Process.Start(info)!;
                await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException("keyfolio balances failed with exit code " + process.ExitCode);
                }

                if (run > 0)
                {
                    times.Add(watch.Elapsed);
                }
            }

            var sorted = times.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"keyfolio balances --json, {runs} runs after one warm-up: median {sorted[sorted.Count / 2].TotalMilliseconds:0} ms, min {sorted[0].TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms"));
            return 0;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task SeedAsync(string home)
    {
        var config = SimulatorConfig.Demo();
        await using var simulator = await SimulatorHost.StartAsync(config);
        var options = new KeyfolioCoreOptions { DataDirectory = home, Vault = new VaultOptions { Kdf = KdfParameters.Floor } };
        foreach (var exchange in ExchangeIds.All)
        {
            options.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
        }

        await using var provider = new ServiceCollection().AddKeyfolioCore(options).BuildServiceProvider();
        await provider.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
        await provider.GetRequiredService<VaultAccess>().CreateAsync("violet-harbour-lantern-42", withRecoveryKey: false, CancellationToken.None);
        foreach (var account in config.Accounts.Where(a => a.Label!.EndsWith(" main", StringComparison.Ordinal)))
        {
            ExchangeIds.TryParse(account.Exchange, out var exchange);
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
            await provider.GetRequiredService<AddConnectionCommand>().AddAsync(new AddConnectionRequest(exchange!.Value, account.Label!, credentials), CancellationToken.None);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
