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
            var key = Parse(bytes) ?? throw new AuditLogException(AuditProblem.KeyReplaced, $"The audit key file ({FileName}) is damaged or is not a Keyfolio audit key.");
            OwnerOnlyMode.Tighten(path, OwnerOnlyMode.File);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The key held by the bytes of a key file, or null when they are not one.</summary>
    public static SecretBuffer? Parse(ReadOnlySpan<byte> bytes) =>
        bytes.Length == FileSize && bytes[..Magic.Length].SequenceEqual(Magic) && bytes[Magic.Length] == Version
            ? SecretBuffer.CopyOf(bytes[(Magic.Length + 1)..])
            : null;

    /// <summary>Creates a new random key file, owner-only from its first byte; fails if one exists.</summary>
    public static SecretBuffer Create(string path)
    {
        var key = SecretBuffer.Random(KeySize);
        try
        {
            Write(path, key.Span, FileMode.CreateNew);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Installs <paramref name="key"/> as the key file at <paramref name="path"/> all at once: written owner-only to a
    /// file of its own beside it and flushed, then linked into place, so the file is never seen half written and one
    /// that exists meanwhile is never replaced (an <see cref="IOException"/> then).
    /// </summary>
    public static void Install(string path, ReadOnlySpan<byte> key)
    {
        var partial = path + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + ".partial";
        try
        {
            Write(partial, key, FileMode.CreateNew);
            File.Move(partial, path, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> key, FileMode mode)
    {
        var bytes = new byte[FileSize];
        try
        {
            Magic.CopyTo(bytes);
            bytes[Magic.Length] = Version;
            key.CopyTo(bytes.AsSpan(Magic.Length + 1));
            var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
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
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
