using System.CommandLine;
using System.CommandLine.Invocation;
using Keyfolio.Cli.Commands;

namespace Keyfolio.Cli;

/// <summary>The <c>keyfolio</c> command tree.</summary>
public static class KeyfolioCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Keyfolio connects your crypto-exchange accounts by API key, keeps the keys encrypted and shows every balance in one place.")
        {
            InitCommand.Create(),
            ConnectCommand.Create(),
            ConnectionsCommand.Create(),
            BalancesCommand.Create(),
            CheckCommand.Create(),
            ReplaceCommand.Create(),
            RemoveCommand.Create(),
            AuditCommand.Create(),
            GuideCommand.Create(),
            PasswdCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            ServeCommand.Create(),
            SimulatorCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Language);
        root.Options.Add(GlobalOptions.PasswordFile);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; an argument the parser refuses exits with <see cref="ExitCodes.Usage"/>, as documented.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Build().Parse(args);
        var code = parse.Invoke(configuration ?? new InvocationConfiguration());
        return parse.Action is ParseErrorAction && code != ExitCodes.Success ? ExitCodes.Usage : code;
    }
}
