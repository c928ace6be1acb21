using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Vault.Passwords;

/// <summary>
/// A password in normal form C (the form every key derivation uses, see <see cref="PasswordPolicy.Normalize"/>), held
/// in a pinned buffer that <see cref="Dispose"/> zeroes, so that a password that came in without ever being a string
/// does not become one here.
/// </summary>
internal sealed class NormalizedPassword : IDisposable
{
    private readonly char[] _buffer;
    private readonly int _length;

    private NormalizedPassword(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlySpan<char> Span => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<char> Memory => _buffer.AsMemory(0, _length);

    /// <summary>
    /// The normal form of <paramref name="password"/>; false for text that has none (an unpaired surrogate), which
    /// cannot be anyone's password.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<char> password, out NormalizedPassword normalized)
    {
        try
        {
            var buffer = GC.AllocateArray<char>(password.GetNormalizedLength(NormalizationForm.FormC), pinned: true);
            if (password.TryNormalize(buffer, out var written, NormalizationForm.FormC))
            {
                normalized = new NormalizedPassword(buffer, written);
                return true;
            }

            Zero(buffer);
        }
        catch (ArgumentException)
        {
            // No normal form: fall through to the refusal.
        }

        normalized = new NormalizedPassword([], 0);
        return false;
    }

    public void Dispose() => Zero(_buffer);

    private static void Zero(char[] buffer) => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(buffer.AsSpan()));
}
