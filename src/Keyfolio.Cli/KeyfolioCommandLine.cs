using System.CommandLine;
using Keyfolio.Cli.Commands;

namespace Keyfolio.Cli;

/// <summary>The <c>keyfolio</c> command tree.</summary>
public static class KeyfolioCommandLine
{
    public static RootCommand Build() =>
        new("Keyfolio connects your crypto-exchange accounts by API key, keeps the keys encrypted and shows every balance in one place.")
        {
            ServeCommand.Create(),
            SimulatorCommand.Create(),
        };
}
