using System.Globalization;
using Keyfolio.Core;

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
        EnsureOwnerOnly(path, field);
        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first line: a password file's line break is not part of the password.</summary>
    public static async Task<string> ReadFirstLineAsync(string path, string field, CancellationToken cancellationToken)
    {
        var text = await ReadAllTextAsync(path, field, cancellationToken).ConfigureAwait(false);
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static void EnsureOwnerOnly(string path, string field)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & SharedAccess) == 0)
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
