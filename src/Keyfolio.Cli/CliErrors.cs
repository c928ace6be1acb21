using Keyfolio.Core;

namespace Keyfolio.Cli;

/// <summary>Errors the command line reports itself, in the core's form.</summary>
internal static class CliErrors
{
    public static CoreError NotFound(string label) => new(
        CoreErrorKind.ConnectionNotFound,
        new($"No connection is labelled \"{label}\".", $"没有标签为“{label}”的连接。"),
        new("List them with `keyfolio connections` and use one of their labels.", "请用 `keyfolio connections` 列出连接，并使用其中的标签。"))
    { Field = "label" };

    public static CoreError FileExists(string path) => new(
        CoreErrorKind.BadInput,
        new($"{path} already exists.", $"{path} 已存在。"),
        new("Choose another file name, or add --force to overwrite it.", "请换一个文件名，或加上 --force 覆盖它。"))
    { Field = "file" };
}
