using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// Before the framework reads a page's form (antiforgery, then Blazor's binding, which make a string of every field),
/// reads the posted body into a pooled buffer, moves the form's secret fields into <see cref="PostedSecrets"/>, and
/// hands on the same form without them: an <c>application/x-www-form-urlencoded</c> body through
/// <see cref="UrlEncodedSecrets"/>, a <c>multipart/form-data</c> one (a form uploading a file) through
/// <see cref="MultipartSecrets"/>. Every buffer it filled is zeroed before it is returned. A body over
/// <see cref="MaxBodyBytes"/> (<see cref="MaxUploadBytes"/> for a multipart one) is refused (413); a secret field that
/// is malformed, repeated or too long refuses the form (400); both are sent to the status page like any refused form.
/// </summary>
internal static class SecretFormReader
{
    /// <summary>Far above any page's form (a PEM key is a few kilobytes); a file is uploaded as multipart.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Above the server's own limit on a request's body (30 MB), so that limit, not this one, refuses an upload too large.</summary>
    public const int MaxUploadBytes = 32 * 1024 * 1024;

    private const int FirstRead = 16 * 1024;

    public static IApplicationBuilder UseSecretFormReader(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (FormOf(context.Request) is not { } form)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (context.Request.ContentLength > form.Limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var status = await ReplaceBodyAsync(context, form).ConfigureAwait(false);
            if (status != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context).ConfigureAwait(false);
        });

    /// <summary>How a page's form is posted, when it is one this reads: the multipart boundary (none when URL-encoded) and the limit on its body.</summary>
    private static PostedForm? FormOf(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || ApiPaths.IsApi(request) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return new PostedForm(null, MaxBodyBytes);
        }

        return type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 } boundary
            ? new PostedForm(boundary.Value, MaxUploadBytes)
            : null;
    }

    // The status to answer: 200 to go on with the body replaced.
    private static async Task<int> ReplaceBodyAsync(HttpContext context, PostedForm form)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(context.Request.ContentLength ?? FirstRead, form.Limit) + 1);
        byte[]? rest = null;
        try
        {
            var length = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > form.Limit)
                {
                    return StatusCodes.Status413PayloadTooLarge;
                }

                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, form.Limit);
                }
            }

            var secrets = context.RequestServices.GetRequiredService<PostedSecrets>();
            byte[] body;
            if (form.Boundary is { } boundary)
            {
                // The secret parts are cut out in place: the rest, the uploaded file with it, is left as posted.
                if (MultipartSecrets.TrySplit(buffer.AsSpan(0, length), boundary, secrets, out var restLength, out var refusal)
                    && refusal != UrlEncodedSecrets.Refusal.None)
                {
                    secrets.Dispose();
                    return StatusCodes.Status400BadRequest;
                }

                body = buffer.AsSpan(0, restLength).ToArray();
            }
            else
            {
                rest = ArrayPool<byte>.Shared.Rent(length);
                if (UrlEncodedSecrets.TrySplit(buffer.AsSpan(0, length), rest, secrets, out var restLength, out var refusal))
                {
                    if (refusal != UrlEncodedSecrets.Refusal.None)
                    {
                        secrets.Dispose();
                        return StatusCodes.Status400BadRequest;
                    }

                    body = rest.AsSpan(0, restLength).ToArray();
                }
                else
                {
                    body = buffer.AsSpan(0, length).ToArray();
                }
            }

            context.Request.Body = new MemoryStream(body, writable: false);
            context.Request.ContentLength = body.Length;
            return StatusCodes.Status200OK;
        }
        finally
        {
            Return(buffer);
            if (rest is not null)
            {
                Return(rest);
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
        buffer.CopyTo(larger, 0);
        Return(buffer);
        return larger;
    }

    private static void Return(byte[] buffer)
    {
        CryptographicOperations.ZeroMemory(buffer);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>A page's form as posted: its multipart boundary, or none for a URL-encoded one, and the limit on its body.</summary>
    private sealed record PostedForm(string? Boundary, int Limit);
}
