using System.Text;

namespace Keyfolio.Exchanges;

/// <summary>
/// Replaces every occurrence of a secret in a text with <c>***</c>. The secret is given as UTF-8 bytes and compared as
/// characters decoded into a pinned buffer that is zeroed at once: it never becomes a <see cref="string"/>, which could
/// not be wiped.
/// </summary>
internal static class SecretRedaction
{
    public static string Redact(string text, ReadOnlySpan<byte> utf8Secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (utf8Secret.IsEmpty || text.Length == 0)
        {
            return text;
        }

        var secret = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(utf8Secret), pinned: true);
        try
        {
            Encoding.UTF8.GetChars(utf8Secret, secret);
            StringBuilder? redacted = null;
            var rest = text.AsSpan();
            int at;
            while ((at = rest.IndexOf(secret, StringComparison.Ordinal)) >= 0)
            {
                redacted ??= new StringBuilder(text.Length);
                redacted.Append(rest[..at]).Append("***");
                rest = rest[(at + secret.Length)..];
            }

            return redacted is null ? text : redacted.Append(rest).ToString();
        }
        finally
        {
            Array.Clear(secret);
        }
    }
}
