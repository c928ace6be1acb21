using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Keyfolio.Web.Api.Models;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// Splits an <c>application/x-www-form-urlencoded</c> body: the secret fields of its form (<see cref="SecretFormFields"/>)
/// are percent-decoded straight into pinned buffers, never a string; every other field is copied, byte for byte, into
/// the body the framework then reads.
/// </summary>
internal static class UrlEncodedSecrets
{
    /// <summary>What was wrong with a secret field, when the form is refused.</summary>
    public enum Refusal
    {
        None,

        /// <summary>A '%' not followed by two hexadecimal digits, or bytes that are not UTF-8.</summary>
        Malformed,

        /// <summary>The same secret field twice: which one was meant is not guessed.</summary>
        Repeated,

        /// <summary>Longer than <see cref="SecretText.MaxLength"/> characters.</summary>
        TooLong,
    }

    /// <summary>
    /// Writes into <paramref name="rest"/> (at least as long as <paramref name="body"/>) the fields of
    /// <paramref name="body"/> that are not secrets, and adds the secret ones to <paramref name="secrets"/>. False, with
    /// nothing written, when the form has no secret fields.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> body, Span<byte> rest, PostedSecrets secrets, out int restLength, out Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        restLength = 0;
        refusal = Refusal.None;
        var fields = SecretFormFields.Of(FormName(body));
        if (fields.Count == 0)
        {
            return false;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = DecodeName(equals < 0 ? pair : pair[..equals]);
            if (!fields.Contains(name))
            {
                if (restLength > 0)
                {
                    rest[restLength++] = (byte)'&';
                }

                pair.CopyTo(rest[restLength..]);
                restLength += pair.Length;
                continue;
            }

            if (!taken.Add(name))
            {
                refusal = Refusal.Repeated;
                return true;
            }

            refusal = TryDecode(equals < 0 ? default : pair[(equals + 1)..], out var secret);
            if (refusal != Refusal.None)
            {
                return true;
            }

            secrets.Add(name, secret!);
        }

        return true;
    }

    /// <summary>The form's name (its <see cref="SecretFormFields.HandlerField"/>), or null when it names none.</summary>
    private static string? FormName(ReadOnlySpan<byte> body)
    {
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            var equals = pair.IndexOf((byte)'=');
            if (equals > 0 && DecodeName(pair[..equals]) == SecretFormFields.HandlerField)
            {
                return DecodeName(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    // Names and the form's name are not secret: they are read as the framework reads them.
    private static string DecodeName(ReadOnlySpan<byte> encoded) =>
        Uri.UnescapeDataString(Encoding.UTF8.GetString(encoded).Replace('+', ' '));

    private static Refusal TryDecode(ReadOnlySpan<byte> encoded, out SecretText? secret)
    {
        secret = null;
        var bytes = GC.AllocateArray<byte>(encoded.Length, pinned: true);
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == (byte)'%')
                {
                    if (i + 2 >= encoded.Length || HexValue(encoded[i + 1]) is not { } high || HexValue(encoded[i + 2]) is not { } low)
                    {
                        return Refusal.Malformed;
                    }

                    bytes[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else
                {
                    bytes[length++] = b == (byte)'+' ? (byte)' ' : b;
                }
            }

            // A UTF-8 byte gives at most one UTF-16 character, so the decoded length bounds it.
            var chars = GC.AllocateArray<char>(length, pinned: true);
            if (Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                SecretText.Zero(chars);
                return Refusal.Malformed;
            }

            if (written > SecretText.MaxLength)
            {
                SecretText.Zero(chars);
                return Refusal.TooLong;
            }

            secret = SecretText.Adopt(chars, written);
            return Refusal.None;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static int? HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => null,
    };
}
