using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>
/// Enforces the absolute session lifetime (the cookie middleware only knows the sliding idle one) and answers
/// API calls with 401/403 instead of redirecting them to the unlock page.
/// </summary>
internal sealed class SessionCookieEvents(TimeProvider timeProvider, TimeSpan absoluteTimeout) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var startedAt = KeyfolioSession.StartedAt(context.Principal!);
        if (startedAt is null || timeProvider.GetUtcNow() - startedAt.Value >= absoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return;
        }

        await base.ValidatePrincipal(context).ConfigureAwait(false);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiPaths.IsApi(context.Request) ? Answer(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiPaths.IsApi(context.Request) ? Answer(context, StatusCodes.Status403Forbidden) : base.RedirectToAccessDenied(context);

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
