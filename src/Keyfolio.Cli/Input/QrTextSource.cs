namespace Keyfolio.Cli.Input;

/// <summary>
/// Where <c>--qr-text</c> reads the QR code's text from: a hidden prompt when the option comes alone, standard input
/// for <c>-</c>, otherwise the file it names. Any other value is refused unread, since it may be the text itself; it is
/// never printed, so <see cref="ToString"/> hides it.
/// </summary>
internal sealed class QrTextSource(string? value)
{
    public const string StandardInput = "-";

    public bool IsPrompt => value is null;

    public bool IsStandardInput => value == StandardInput;

    /// <summary>The file to read, or null when the value names none.</summary>
    public string? File => value is null or StandardInput || !System.IO.File.Exists(value) ? null : value;

    public override string ToString() => IsPrompt ? "QrTextSource(prompt)" : IsStandardInput ? "QrTextSource(stdin)" : "QrTextSource(***)";
}
