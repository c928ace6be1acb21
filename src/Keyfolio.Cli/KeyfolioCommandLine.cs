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
            SubAccountsCommand.Create(),
            CheckCommand.Create(),
            ReplaceCommand.Create(),
            RemoveCommand.Create(),
            AuditCommand.Create(),
            AlertsCommand.Create(),
            GuideCommand.Create(),
            PasswdCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            BackupCommand.Create(),
            BackupCommand.CreateRestore(),
            MigrateStoreCommand.Create(),
            JoinNodeCommand.Create(),
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
        configuration ??= new InvocationConfiguration();
        Keyfolio.Core.Settings.ProcessHardening.DisableCoreDumps();
        var parse = Build().Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0 && !parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
        {
            ReportParseErrors(parse, configuration);
            return ExitCodes.Usage;
        }

        var code = parse.Invoke(configuration);
        return parse.Action is ParseErrorAction && code != ExitCodes.Success ? ExitCodes.Usage : code;
    }

    /// <summary>
    /// A command line the parser refuses: what is wrong (the parser's words, naming the option or argument) and what to
    /// do — the command's own help — on standard error, or as the usual error object with <c>--json</c>.
    /// </summary>
    private static void ReportParseErrors(ParseResult parse, InvocationConfiguration configuration)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        var command = string.Join(' ', ["keyfolio", .. names]);
        var fix = $"Run `{command} --help` to see what it takes.";
        var message = string.Join(" ", parse.Errors.Select(e => e.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult option => option.Option.Name + ": ",
            System.CommandLine.Parsing.ArgumentResult argument => "<" + argument.Argument.Name + ">: ",
            _ => string.Empty,
        } + Plain(e.Message.Trim())));
        var field = parse.Errors.Select(e => e.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult option => option.Option.Name.TrimStart('-'),
            System.CommandLine.Parsing.ArgumentResult argument => argument.Argument.Name,
            _ => null,
        }).FirstOrDefault(name => name is not null) ?? "arguments";
        if (parse.Tokens.Any(t => t.Value == GlobalOptions.Json.Name))
        {
            var json = System.Text.Json.JsonSerializer.Serialize(
                new { error = new { kind = "badInput", message, fix, field, exitCode = ExitCodes.Usage } },
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            configuration.Output.WriteLine(json);
            return;
        }

        configuration.Error.WriteLine("Error: " + message);
        configuration.Error.WriteLine("Fix: " + fix);
    }

    /// <summary>The parser's message with .NET type names in words a person reads.</summary>
    private static string Plain(string message) =>
        System.Text.RegularExpressions.Regex.Replace(
            message,
            "as expected type '([A-Za-z0-9.]+)'",
            match => match.Groups[1].Value switch
            {
                "System.Int32" or "System.Int64" => "as a whole number",
                "System.Decimal" or "System.Double" => "as a number",
                "System.IO.FileInfo" => "as a file name",
                "System.Uri" => "as an address",
                _ => "as a value of the right kind",
            },
            System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
}
