using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Storage;

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

            OwnerOnlyMode.Tighten(path, OwnerOnlyMode.File);
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
                options.UnixCreateMode = OwnerOnlyMode.File;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            OwnerOnlyMode.Tighten(path, OwnerOnlyMode.File);
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
}
