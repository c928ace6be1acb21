using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Keyfolio.Web.Api.Models;
using Microsoft.Net.Http.Headers;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// Splits a <c>multipart/form-data</c> body (a form that uploads a file): the parts holding the secret fields of its
/// form (<see cref="SecretFormFields"/>) are decoded straight into pinned buffers, never a string, and cut out of the
/// body, which is left, byte for byte otherwise, for the framework to read.
/// </summary>
internal static class MultipartSecrets
{
    private static ReadOnlySpan<byte> NewLine => "\r\n"u8;

    private static ReadOnlySpan<byte> BlankLine => "\r\n\r\n"u8;

    /// <summary>
    /// Cuts the secret parts out of <paramref name="body"/>, in place, and adds them to <paramref name="secrets"/>;
    /// <paramref name="restLength"/> is what is left. False, with nothing changed, when the form has no secret fields
    /// or the body cannot be read as parts of <paramref name="boundary"/>.
    /// </summary>
    public static bool TrySplit(Span<byte> body, string boundary, PostedSecrets secrets, out int restLength, out UrlEncodedSecrets.Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        restLength = body.Length;
        refusal = UrlEncodedSecrets.Refusal.None;
        var parts = Parts(body, Encoding.ASCII.GetBytes("\r\n--" + boundary));
        if (parts is null)
        {
            return false;
        }

        var fields = SecretFormFields.Of(FormName(body, parts));
        if (fields.Count == 0)
        {
            return false;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var cut = new List<Part>();
        foreach (var part in parts)
        {
            if (part.Name is not { } name || part.IsFile || !fields.Contains(name))
            {
                continue;
            }

            if (!taken.Add(name))
            {
                refusal = UrlEncodedSecrets.Refusal.Repeated;
                return true;
            }

            refusal = TryDecode(body[part.Content], out var secret);
            if (refusal != UrlEncodedSecrets.Refusal.None)
            {
                return true;
            }

            secrets.Add(name, secret!);
            cut.Add(part);
        }

        // Each part cut runs from its delimiter to the next one, so what is left is still well-formed.
        var write = 0;
        var read = 0;
        foreach (var part in cut)
        {
            body[read..part.Start].CopyTo(body[write..]);
            write += part.Start - read;
            read = part.End;
        }

        body[read..].CopyTo(body[write..]);
        write += body.Length - read;
        body[write..].Clear();
        restLength = write;
        return true;
    }

    /// <summary>The body's parts, or null when it is not a multipart body of this delimiter (CRLF, dashes, boundary).</summary>
    private static List<Part>? Parts(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter)
    {
        var dashBoundary = delimiter[NewLine.Length..];
        int at;
        if (body.StartsWith(dashBoundary))
        {
            at = 0;
        }
        else if (body.IndexOf(delimiter) is >= 0 and var found)
        {
            at = found + NewLine.Length;
        }
        else
        {
            return null;
        }

        var parts = new List<Part>();
        while (true)
        {
            var after = at + dashBoundary.Length;
            if (body[after..].StartsWith("--"u8))
            {
                return parts;
            }

            var lineEnd = body[after..].IndexOf(NewLine);
            var next = lineEnd < 0 ? -1 : body[(after + lineEnd + NewLine.Length)..].IndexOf(delimiter);
            if (next < 0)
            {
                return null;
            }

            var headersStart = after + lineEnd + NewLine.Length;
            var contentEnd = headersStart + next;
            var part = body[headersStart..contentEnd];
            int contentStart;
            if (part.StartsWith(NewLine))
            {
                contentStart = headersStart + NewLine.Length;
            }
            else if (part.IndexOf(BlankLine) is >= 0 and var blank)
            {
                contentStart = headersStart + blank + BlankLine.Length;
            }
            else
            {
                return null;
            }

            var (name, isFile) = Disposition(body[headersStart..contentStart]);
            var end = contentEnd + NewLine.Length;
            parts.Add(new Part(at, end, name, isFile, new Range(contentStart, contentEnd)));
            at = end;
        }
    }

    // Headers are not secret: read as the framework reads them.
    private static (string? Name, bool IsFile) Disposition(ReadOnlySpan<byte> headers)
    {
        foreach (var line in Encoding.UTF8.GetString(headers).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && line.AsSpan(0, colon).Trim().Equals(HeaderNames.ContentDisposition, StringComparison.OrdinalIgnoreCase)
                && ContentDispositionHeaderValue.TryParse(line[(colon + 1)..].Trim(), out var disposition))
            {
                return (HeaderUtilities.RemoveQuotes(disposition.Name).Value, disposition.IsFileDisposition());
            }
        }

        return (null, false);
    }

    private static string? FormName(ReadOnlySpan<byte> body, List<Part> parts)
    {
        foreach (var part in parts)
        {
            if (part.Name == SecretFormFields.HandlerField && !part.IsFile)
            {
                return Encoding.UTF8.GetString(body[part.Content]);
            }
        }

        return null;
    }

    private static UrlEncodedSecrets.Refusal TryDecode(ReadOnlySpan<byte> utf8, out SecretText? secret)
    {
        secret = null;
        // A UTF-8 byte gives at most one UTF-16 character.
        var chars = GC.AllocateArray<char>(utf8.Length, pinned: true);
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            SecretText.Zero(chars);
            return UrlEncodedSecrets.Refusal.Malformed;
        }

        if (written > SecretText.MaxLength)
        {
            SecretText.Zero(chars);
            return UrlEncodedSecrets.Refusal.TooLong;
        }

        secret = SecretText.Adopt(chars, written);
        return UrlEncodedSecrets.Refusal.None;
    }

    /// <summary>One part: from its delimiter to the next one's, its field name, and where its content is.</summary>
    private readonly record struct Part(int Start, int End, string? Name, bool IsFile, Range Content);
}
