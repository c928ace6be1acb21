using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;

namespace Keyfolio.Web.Security;

/// <summary>
/// A page's form whose antiforgery token does not check out (it came from elsewhere, or from before Keyfolio restarted,
/// which renews the keys behind the tokens) is not handled: the browser is sent to the status page, which says to
/// reload and send it again. API calls answer with their own problem instead.
/// </summary>
internal static class ExpiredForms
{
    public const string StatusPath = "/status/400";

    public static IApplicationBuilder UseExpiredFormRedirect(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!ApiPaths.IsApi(context.Request) && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.Redirect(StatusPath);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
}
