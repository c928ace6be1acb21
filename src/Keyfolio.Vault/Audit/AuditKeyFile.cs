using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Audit;

/// <summary>
/// The audit key, kept outside the database in its own file readable by the owner only (0600 on Unix):
/// <c>"KFAK" | version 1 | key 32</c>. Whoever holds the database alone cannot forge the chain.
/// </summary>
internal static class AuditKeyFile
{
    public const string FileName = "audit.key";
    public const int KeySize = 32;

    private const byte Version = 1;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static ReadOnlySpan<byte> Magic => "KFAK"u8;

    private static int FileSize => Magic.Length + 1 + KeySize;

    /// <summary>The key, or null when the file does not exist.</summary>
    public static SecretBuffer? Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            if (bytes.Length != FileSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || bytes[Magic.Length] != Version)
            {
                throw new AuditLogException(AuditProblem.KeyReplaced, $"The audit key file ({FileName}) is damaged or is not a Keyfolio audit key.");
            }

            RestrictToOwner(path);
            return SecretBuffer.CopyOf(bytes.AsSpan(Magic.Length + 1));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates a new random key file, owner-only from its first byte; fails if one exists.</summary>
    public static SecretBuffer Create(string path)
    {
        var key = SecretBuffer.Random(KeySize);
        var bytes = new byte[FileSize];
        try
        {
            Magic.CopyTo(bytes);
            bytes[Magic.Length] = Version;
            key.Span.CopyTo(bytes.AsSpan(Magic.Length + 1));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            RestrictToOwner(path);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != OwnerOnly)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
