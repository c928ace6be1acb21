using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>The response headers every Keyfolio page and API answer carries (SECURITY.md, "Web surface").</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Adds the headers to one response.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
    }

    /// <summary>Adds the headers to every response of the pipeline.</summary>
    public static IApplicationBuilder UseKeyfolioSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context.Response.Headers);
                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
}
