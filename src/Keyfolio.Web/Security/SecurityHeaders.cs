using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>The response headers every Keyfolio page and API answer carries (SECURITY.md, "Web surface").</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>HSTS for an answer over https to a name other than loopback: browsers then refuse plain http to it for a year.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Adds the headers to one response; over https to a name other than loopback, HSTS too.</summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context.Response.Headers);
        if (context.GetEndpoint()?.Metadata.GetMetadata<PagePolicy>() is { } page)
        {
            context.Response.Headers.ContentSecurityPolicy = page.For(context);
        }
        if (context.Request.IsHttps && !Hosting.ListenAddresses.IsLoopback(new UriBuilder(Uri.UriSchemeHttps, context.Request.Host.Host).Uri))
        {
            context.Response.Headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }

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
                Apply(context);
                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });

    /// <summary>Puts <see cref="UseKeyfolioSecurityHeaders"/> first in the pipeline, before the host's own middleware
    /// (the host filter among them), so every answer carries the headers.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseKeyfolioSecurityHeaders();
            next(app);
        };
    }
}
