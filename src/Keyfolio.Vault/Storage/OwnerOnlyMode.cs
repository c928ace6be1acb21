namespace Keyfolio.Vault.Storage;

/// <summary>
/// The Unix modes of the files and directories that hold secrets or their traces (the audit key, the database, its
/// write-ahead log, backups, the data directory): a file is read and written by its owner alone (0600), a directory
/// listed and entered by its owner alone (0700), and one left open further is tightened to these. The decision is
/// pure, so it is checked on every system; <see cref="Tighten"/> applies it, and does nothing on Windows, which has
/// no Unix modes.
/// </summary>
public static class OwnerOnlyMode
{
    /// <summary>0600.</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700.</summary>
    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The mode to give a file or directory whose mode is <paramref name="current"/> and that should have
    /// <paramref name="ownerOnly"/> (<see cref="File"/> or <see cref="Directory"/>), or null when it grants nothing
    /// beyond that already.
    /// </summary>
    public static UnixFileMode? Tightened(UnixFileMode current, UnixFileMode ownerOnly) =>
        (current & ~ownerOnly) != 0 ? ownerOnly : null;

    /// <summary>Sets the mode <see cref="Tightened"/> decides on the existing <paramref name="path"/>; nothing on Windows.</summary>
    public static void Tighten(string path, UnixFileMode ownerOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (Tightened(System.IO.File.GetUnixFileMode(path), ownerOnly) is { } mode)
        {
            System.IO.File.SetUnixFileMode(path, mode);
        }
    }
}
