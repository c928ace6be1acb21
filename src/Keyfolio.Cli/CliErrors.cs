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

    public static CoreError IsDirectory(string path, string field, string exampleName) => new(
        CoreErrorKind.BadInput,
        new($"{path} is a directory, so Keyfolio cannot write a file there under that name.", $"{path} 是目录，Keyfolio 无法以该名称写入文件。"),
        new($"Give a file name, for example {Path.Combine(path, exampleName)}.", $"请提供文件名，例如 {Path.Combine(path, exampleName)}。"))
    { Field = field };

    public static CoreError CannotWrite(string path, string field, Exception exception) => new(
        CoreErrorKind.BadInput,
        new($"Keyfolio cannot write {path}: {exception.Message}", $"Keyfolio 无法写入 {path}：{exception.Message}"),
        new("Choose a file in a directory you can write, or fix the permissions of this one.", "请选择您有写权限的目录中的文件，或修正该文件的权限。"))
    { Field = field };
}
