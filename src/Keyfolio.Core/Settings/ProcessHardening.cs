using System.Runtime.InteropServices;

namespace Keyfolio.Core.Settings;

/// <summary>
/// Keeps the decrypted keys and the master password out of core dumps: on Linux the process marks itself not
/// dumpable (<c>prctl(PR_SET_DUMPABLE, 0)</c>), so a crash writes no core file and other processes of the same user can
/// neither attach a debugger nor read its memory through <c>/proc/PID/mem</c>. Every <c>keyfolio</c> command does this
/// first. Elsewhere it does nothing and says so.
/// </summary>
public static partial class ProcessHardening
{
    private const int PrSetDumpable = 4;
    private const int PrGetDumpable = 3;

    /// <summary>Marks the process not dumpable; true when it now is not (Linux), false where the call does not exist.</summary>
    public static bool DisableCoreDumps()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        return Prctl(PrSetDumpable, 0, 0, 0, 0) == 0 && !CoreDumpsAllowed();
    }

    /// <summary>Whether the kernel would write a core file for this process and let same-user processes read its memory.</summary>
    public static bool CoreDumpsAllowed() => !OperatingSystem.IsLinux() || Prctl(PrGetDumpable, 0, 0, 0, 0) != 0;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
