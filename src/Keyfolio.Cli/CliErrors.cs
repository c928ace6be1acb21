using Keyfolio.Core;

namespace Keyfolio.Cli;

/// <summary>Errors the command line reports itself, in the core's form.</summary>
internal static class CliErrors
{
    public static CoreError NotFound(string label) => new(
        CoreErrorKind.ConnectionNotFound,
        Texts.Of("NoConnectionIsLabelled", label),
        Texts.Of("ListThemWithKeyfolioConnections"))
    { Field = "label" };

    public static CoreError FileExists(string path) => new(
        CoreErrorKind.BadInput,
        Texts.Of("AlreadyExists", path),
        Texts.Of("ChooseAnotherFileNameOr"))
    { Field = "file" };

    public static CoreError IsDirectory(string path, string field, string exampleName) => new(
        CoreErrorKind.BadInput,
        Texts.Of("IsADirectorySoKeyfolio", path),
        Texts.Of("GiveAFileNameFor", Path.Combine(path, exampleName)))
    { Field = field };

    public static CoreError CannotWrite(string path, string field, Exception exception) => new(
        CoreErrorKind.BadInput,
        Texts.Of("KeyfolioCannotWrite", path, exception.Message),
        Texts.Of("ChooseAFileInA"))
    { Field = field };
}
