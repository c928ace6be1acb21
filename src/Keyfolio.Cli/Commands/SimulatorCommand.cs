using System.CommandLine;
using Keyfolio.Simulator;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio simulator --config FILE [--endpoints-file FILE]</c>: runs the exchange simulator until interrupted.</summary>
public static class SimulatorCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "The simulator configuration (JSON; see docs/simulator.md). Without it the demo sample is used.",
        };
        var endpointsFile = new Option<FileInfo?>("--endpoints-file")
        {
            Description = "Also write each exchange's base URL and the admin URL to this file as a JSON object.",
        };
        var command = new Command("simulator", "Run the exchange simulator: each exchange on its own loopback port, until interrupted.")
        {
            config,
            endpointsFile,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), parse.GetValue(endpointsFile), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? configFile, FileInfo? endpointsFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SimulatorConfig config;
        try
        {
            config = configFile is null ? SimulatorConfig.Demo() : SimulatorConfig.Load(configFile.FullName);
        }
        catch (SimulatorConfigException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using var host = await SimulatorHost.StartAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var (site, url) in host.BaseUrls)
        {
            await output.WriteLineAsync($"{site} {url.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"admin {host.AdminUrl.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
        if (endpointsFile is not null)
        {
            await File.WriteAllTextAsync(endpointsFile.FullName, host.ToEndpointsJson(), cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the host is disposed on the way out.
        }

        return 0;
    }
}
