using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>
/// Per request: names the actor of the audit entries it causes ("web" and the client's address), and tells the vault
/// a person is active (postponing the idle auto-lock) when a signed-in request is not a passive one.
/// </summary>
internal static class RequestActivity
{
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (AuditActor.Use("web " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown")))
            {
                await next(context).ConfigureAwait(false);
            }
        });

    public static IApplicationBuilder UseVaultActivity(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<PassiveRequestAttribute>() is null)
            {
                context.RequestServices.GetRequiredService<VaultAccess>().Touch();
            }

            await next(context).ConfigureAwait(false);
        });
}
