using System.Globalization;

namespace Keyfolio.Core.Storage;

/// <summary>
/// A running server's claim on its data directory: the file <c>serving.lock</c> in it, held open without sharing for as
/// long as the server runs (an advisory lock the operating system drops when the process ends, even on kill -9). A
/// second server on the same directory, and a restore that would replace the directory under a running server, are
/// refused instead of corrupting each other. The file says who holds it; it holds nothing secret.
/// </summary>
public sealed class ServingLock : IDisposable
{
    public const string FileName = "serving.lock";

    /// <summary>Where the holder is described: a separate file, readable while the lock is held.</summary>
    public const string HolderFileName = "serving.lock.holder";

    private readonly FileStream _stream;

    private ServingLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock on <paramref name="directory"/> (created when missing) for <paramref name="holder"/> (what holds it,
    /// such as "keyfolio serve at http://127.0.0.1:5080"), or returns null with <paramref name="heldBy"/> describing the
    /// process that holds it.
    /// </summary>
    public static ServingLock? TryTake(string directory, string holder, TimeProvider time, out string? heldBy)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException)
        {
            heldBy = Holder(directory);
            return null;
        }

        heldBy = null;
        var description = string.Create(CultureInfo.InvariantCulture, $"{holder} (process {Environment.ProcessId}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC)");
        try
        {
            var holderPath = Path.Combine(directory, HolderFileName);
            File.WriteAllText(holderPath, description);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(holderPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The description is a courtesy; the lock is what counts.
        }

        return new ServingLock(stream);
    }

    /// <summary>Who holds the lock on <paramref name="directory"/>, as it described itself; a generic description when unreadable.</summary>
    private static string Holder(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, HolderFileName)).Trim();
            return text.Length is > 0 and <= 300 ? text : "another Keyfolio process";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "another Keyfolio process";
        }
    }

    public void Dispose() => _stream.Dispose();
}
