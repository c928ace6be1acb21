using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Recovery;

/// <summary>
/// The offline recovery key: 160 random bits plus a 40-bit check, shown once as eight groups of five
/// Base32 characters (<c>ABCDE-FGHIJ-…</c>). The check catches a mistyped key before any decryption.
/// Holds the secret in a pinned buffer zeroed on dispose; <see cref="ToString"/> never reveals it.
/// </summary>
public sealed class RecoveryKey : IDisposable
{
    internal const int SecretSize = 20;
    private const int CheckSize = 5;
    private const int GroupSize = 5;

    private readonly SecretBuffer _secret;

    private RecoveryKey(SecretBuffer secret) => _secret = secret;

    internal ReadOnlySpan<byte> Secret => _secret.Span;

    internal static RecoveryKey Generate() => new(SecretBuffer.Random(SecretSize));

    /// <summary>
    /// Reads a recovery key as a person typed it: case, spaces and dashes do not matter.
    /// A wrong length, character or check gives <see cref="VaultErrorKind.MalformedRecoveryKey"/>.
    /// </summary>
    public static RecoveryKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>As <see cref="Parse(string)"/>, for a key typed into a buffer the caller zeroes.</summary>
    public static RecoveryKey Parse(ReadOnlySpan<char> text)
    {
        Span<char> compact = stackalloc char[64];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '-' or ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (length == compact.Length)
            {
                throw Malformed();
            }

            compact[length++] = c;
        }

        using var decoded = new SecretBuffer(SecretSize + CheckSize);
        try
        {
            if (!Base32.TryDecode(compact[..length], decoded.Span))
            {
                throw Malformed();
            }

            Span<byte> check = stackalloc byte[CheckSize];
            ComputeCheck(decoded.Span[..SecretSize], check);
            if (!CryptographicOperations.FixedTimeEquals(check, decoded.Span[SecretSize..]))
            {
                throw Malformed();
            }

            return new RecoveryKey(SecretBuffer.CopyOf(decoded.Span[..SecretSize]));
        }
        finally
        {
            compact.Clear();
        }
    }

    /// <summary>The key as it is shown once to be written down: eight groups of five characters.</summary>
    public string ToDisplayString()
    {
        using var raw = new SecretBuffer(SecretSize + CheckSize);
        _secret.Span.CopyTo(raw.Span);
        ComputeCheck(_secret.Span, raw.Span[SecretSize..]);
        var encoded = Base32.Encode(raw.Span);
        return string.Join('-', Enumerable.Range(0, encoded.Length / GroupSize).Select(i => encoded.Substring(i * GroupSize, GroupSize)));
    }

    public void Dispose() => _secret.Dispose();

    public override string ToString() => "RecoveryKey(redacted)";

    private static void ComputeCheck(ReadOnlySpan<byte> secret, Span<byte> check)
    {
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData("keyfolio/recovery/check/v1"u8, secret, digest);
        digest[..CheckSize].CopyTo(check);
    }

    private static VaultException Malformed() =>
        new(
            VaultErrorKind.MalformedRecoveryKey,
            "The recovery key is not valid: it has 40 letters and digits in eight groups of five (for example ABCDE-FGHIJ-…). Check each group against the copy you wrote down.");
}
