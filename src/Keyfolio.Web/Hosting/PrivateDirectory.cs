using Keyfolio.Vault.Storage;

namespace Keyfolio.Web.Hosting;

/// <summary>Creates the data directory readable by its owner only (it will hold the vault and the audit key).</summary>
internal static class PrivateDirectory
{
    public static void Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyMode.Directory);
    }
}
