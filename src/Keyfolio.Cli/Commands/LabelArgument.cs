using System.CommandLine;
using System.CommandLine.Parsing;

namespace Keyfolio.Cli.Commands;

/// <summary>Values that look like options where a label or a name is expected.</summary>
internal static class LabelArgument
{
    /// <summary>
    /// A label that begins with <c>-</c> is a mistyped or unknown option (<c>keyfolio check --frobnicate</c>): refused
    /// before anything is opened, naming it.
    /// </summary>
    public static void RefuseOptionLookalikes(Argument label) => label.Validators.Add(result => Check(result, "a connection label"));

    /// <summary>The same for the values of an option that takes several (<c>--allowed-hosts a --bogus</c>).</summary>
    public static void RefuseOptionLookalikes(Option option, string what) => option.Validators.Add(result => Check(result, what));

    private static void Check(SymbolResult result, string what)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value[0] == '-')
            {
                result.AddError($"\"{token.Value}\" is not an option of this command, and {what} does not begin with \"-\".");
            }
        }
    }
}
