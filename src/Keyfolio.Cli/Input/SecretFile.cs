using Keyfolio.Core;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Input;

/// <summary>
/// A file that holds a secret: the master, new or export password, a key's QR text, or a copy of the audit key. On Unix
/// it must be readable and writable by its owner alone — whoever can read it has the secret, whoever can write it
/// chooses it — so one the group or others may read or change is refused, unread, with the <c>chmod</c> that fixes it.
/// </summary>
internal static class SecretFile
{
    private const UnixFileMode SharedAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>The whole file; <paramref name="field"/> names the option it came from, for the refusal.</summary>
    public static Task<string> ReadAllTextAsync(string path, string field, CancellationToken cancellationToken) =>
        ReadAsync(path, field, () => File.ReadAllTextAsync(path, cancellationToken));

    /// <summary>The whole file as bytes, for a secret that is not text (a copy of <c>audit.key</c>); the caller zeroes them.</summary>
    public static Task<byte[]> ReadAllBytesAsync(string path, string field, CancellationToken cancellationToken) =>
        ReadAsync(path, field, () => File.ReadAllBytesAsync(path, cancellationToken));

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
                Texts.Of("IsEmptyItsFirstLine", path),
                Texts.Of("WriteThePasswordOnThe", path));
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
                Texts.Of("IsADirectoryNotA", path),
                Texts.Of("GiveThePathOfThe"));
        }

        if (!File.Exists(path))
        {
            throw Refused(
                field,
                Texts.Of("DoesNotExist", path),
                Texts.Of("CheckTheFileNameOr"));
        }
    }

    private static async Task<T> ReadAsync<T>(string path, string field, Func<Task<T>> read)
    {
        EnsureReadableFile(path, field);
        EnsureOwnerOnly(path, field);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException and not SecretFileException)
        {
            throw Refused(
                field,
                Texts.Of("CannotBeRead", path, exception.Message),
                Texts.Of("MakeItAFileYou", path));
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
            Texts.Of("HoldsASecretButOther", path, octal),
            Texts.Of("MakeItYoursAloneWith", path))
        {
            Field = field,
        });
    }
}

/// <summary>A secret file was refused for its permissions; <see cref="Error"/> says which and how to fix it.</summary>
internal sealed class SecretFileException(CoreError error) : IOException(error.Message.ToString())
{
    public CoreError Error { get; } = error;
}
