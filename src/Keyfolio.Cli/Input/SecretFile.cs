using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Input;

/// <summary>
/// A file that holds a secret: the master, new or export password, or a key's QR text. On Unix it must be readable and
/// writable by its owner alone — whoever can read it has the secret, whoever can write it chooses it — so one the group
/// or others may read or change is refused, unread, with the <c>chmod</c> that fixes it.
/// </summary>
internal static class SecretFile
{
    private const UnixFileMode SharedAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>The whole file; <paramref name="field"/> names the option it came from, for the refusal.</summary>
    public static async Task<string> ReadAllTextAsync(string path, string field, CancellationToken cancellationToken)
    {
        EnsureReadableFile(path, field);
        EnsureOwnerOnly(path, field);
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException and not SecretFileException)
        {
            throw Refused(
                field,
                new($"{path} cannot be read ({exception.Message}).", $"无法读取 {path}（{exception.Message}）。"),
                new($"Make it a file you own and can read (`chmod 600 {path}`), or give another file.", $"请确保它是您拥有且可读取的文件（`chmod 600 {path}`），或改用其他文件。"));
        }
    }

    /// <summary>The first line: a password file's line break is not part of the password.</summary>
    public static async Task<string> ReadFirstLineAsync(string path, string field, CancellationToken cancellationToken)
    {
        var text = await ReadAllTextAsync(path, field, cancellationToken).ConfigureAwait(false);
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        if (line.Length == 0)
        {
            throw Refused(
                field,
                new($"{path} is empty: its first line, which holds the password, has nothing on it.", $"{path} 是空的：应保存密码的第一行没有内容。"),
                new($"Write the password on the first line of {path}, or give the file that holds it.", $"请把密码写在 {path} 的第一行，或改用保存密码的文件。"));
        }

        return line;
    }

    // A directory or a missing path is named as such, not reported as a password that does not match.
    private static void EnsureReadableFile(string path, string field)
    {
        if (Directory.Exists(path))
        {
            throw Refused(
                field,
                new($"{path} is a directory, not a file holding a secret.", $"{path} 是目录，不是保存机密的文件。"),
                new("Give the path of the file itself, not of the directory it is in.", "请提供文件本身的路径，而不是其所在目录的路径。"));
        }

        if (!File.Exists(path))
        {
            throw Refused(
                field,
                new($"{path} does not exist.", $"{path} 不存在。"),
                new("Check the file name, or create the file with the secret on its first line and `chmod 600` it.", "请检查文件名，或创建该文件、把机密写在第一行，并对其执行 `chmod 600`。"));
        }
    }

    /// <summary>Whether the group or others may read or change a file of this mode: such a secret file is refused.</summary>
    public static bool OthersMayReadOrChange(UnixFileMode mode) => (mode & SharedAccess) != 0;

    private static SecretFileException Refused(string field, LocalizedText message, LocalizedText fix) =>
        new(new CoreError(CoreErrorKind.BadInput, message, fix) { Field = field });

    private static void EnsureOwnerOnly(string path, string field)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!OthersMayReadOrChange(mode))
        {
            return;
        }

        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
        throw new SecretFileException(new CoreError(
            CoreErrorKind.BadInput,
            new(
                string.Create(CultureInfo.InvariantCulture, $"{path} holds a secret but other users may read or change it (mode {octal}), so Keyfolio did not read it."),
                string.Create(CultureInfo.InvariantCulture, $"{path} 中保存着机密，但其他用户可以读取或修改它（权限 {octal}），因此 Keyfolio 没有读取它。")),
            new(
                $"Make it yours alone with `chmod 600 {path}`, then run the command again. If others could read it, change the secret it holds.",
                $"请运行 `chmod 600 {path}`，使其仅您可读写，然后重新运行命令。如果其他人曾能读取它，请更换其中的机密。"))
        {
            Field = field,
        });
    }
}

/// <summary>A secret file was refused for its permissions; <see cref="Error"/> says which and how to fix it.</summary>
internal sealed class SecretFileException(CoreError error) : IOException(error.Message.En)
{
    public CoreError Error { get; } = error;
}
