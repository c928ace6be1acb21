using System.CommandLine;
using Keyfolio.Cli.Input;

namespace Keyfolio.Cli.Commands;

/// <summary>How <c>connect</c> and <c>replace</c> take a key: never as a plain argument.</summary>
internal sealed class ConnectionInputOptions
{
    public Option<bool> CredentialsStdin { get; } = new("--credentials-stdin")
    {
        Description = "Read {\"apiKey\",\"secret\",\"passphrase\"} as JSON from standard input instead of prompting.",
    };

    /// <summary>Where to read the QR code's text from; its value is never the text itself, which would show in the
    /// process list and stay in the shell history.</summary>
    public Option<string?> QrText { get; } = new("--qr-text")
    {
        Description = "Read the text of the exchange's QR code for the key: alone, at a hidden prompt (paste it); with -, from standard input; with FILE, from that file. A passphrase the QR code does not hold is then prompted for.",
        HelpName = "-|FILE",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> AllowWithdrawal { get; } = new("--allow-withdrawal")
    {
        Description = "Keep a key that can withdraw, after typing the connection's label to confirm. The connection then carries a critical finding.",
    };

    public Option<string?> ConfirmLabel { get; } = new("--confirm-label")
    {
        Description = "With --allow-withdrawal and no terminal: the connection's label, typed again to confirm.",
        HelpName = "LABEL",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(CredentialsStdin);
        command.Options.Add(QrText);
        command.Options.Add(AllowWithdrawal);
        command.Options.Add(ConfirmLabel);
    }

    /// <summary>Where <c>--qr-text</c> reads from, or null when it was not given.</summary>
    public QrTextSource? QrTextFrom(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(QrText) is { Implicit: false } given
            ? new QrTextSource(given.Tokens.Count == 0 ? null : given.Tokens[0].Value)
            : null;
    }

    /// <summary>The typed confirmation for a key that can withdraw: from --confirm-label, else asked at the terminal.</summary>
    public string? Confirmation(CliSession session, ParseResult parse, string label)
    {
        if (!parse.GetValue(AllowWithdrawal))
        {
            return null;
        }

        return parse.GetValue(ConfirmLabel) ?? session.PromptText(Texts.Of("ThisKeyMayBeAble", label));
    }
}
