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
/// hands on the same form without them. Every buffer it filled is zeroed before it is returned. A body over
/// <see cref="MaxBodyBytes"/> is refused (413); a secret field that is malformed, repeated or too long refuses the
/// form (400); both are sent to the status page like any refused form.
/// </summary>
internal static class SecretFormReader
{
    /// <summary>Far above any page's form (a PEM key is a few kilobytes); a file is uploaded as multipart, not read here.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const int FirstRead = 16 * 1024;

    public static IApplicationBuilder UseSecretFormReader(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!Applies(context.Request))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (context.Request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var status = await ReplaceBodyAsync(context).ConfigureAwait(false);
            if (status != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context).ConfigureAwait(false);
        });

    private static bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && !ApiPaths.IsApi(request)
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    // The status to answer: 200 to go on with the body replaced.
    private static async Task<int> ReplaceBodyAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(context.Request.ContentLength ?? FirstRead, MaxBodyBytes) + 1);
        byte[]? rest = null;
        try
        {
            var length = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    return StatusCodes.Status413PayloadTooLarge;
                }

                if (length == buffer.Length)
                {
                    buffer = Grow(buffer);
                }
            }

            rest = ArrayPool<byte>.Shared.Rent(length);
            var secrets = context.RequestServices.GetRequiredService<PostedSecrets>();
            byte[] body;
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

    private static byte[] Grow(byte[] buffer)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
        buffer.CopyTo(larger, 0);
        Return(buffer);
        return larger;
    }

    private static void Return(byte[] buffer)
    {
        CryptographicOperations.ZeroMemory(buffer);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
