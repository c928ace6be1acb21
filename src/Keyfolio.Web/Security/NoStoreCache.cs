using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Primitives;

namespace Keyfolio.Web.Security;

/// <summary>
/// Marks every answer that has not chosen its own caching <c>Cache-Control: no-store</c>: pages and API answers
/// carry account data, which must stay out of the browser's and any proxy's cache. Static files set their own.
/// </summary>
internal static class NoStoreCache
{
    public static IApplicationBuilder UseNoStoreByDefault(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (StringValues.IsNullOrEmpty(context.Response.Headers.CacheControl))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
}
