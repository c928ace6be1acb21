using Keyfolio.Core;
using Keyfolio.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>
/// Enforces the absolute session lifetime (the cookie middleware only knows the sliding idle one), ends a session
/// whose vault unlock is over (<see cref="VaultSessions"/>), and answers API calls with 401/403 instead of
/// redirecting them to the unlock page.
/// </summary>
internal sealed class SessionCookieEvents(TimeProvider timeProvider, TimeSpan absoluteTimeout) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var startedAt = KeyfolioSession.StartedAt(context.Principal!);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<VaultSessions>();
        var vaultAbsolute = context.HttpContext.RequestServices.GetRequiredService<KeyfolioCoreOptions>().Vault.AbsoluteTimeout;
        var longest = SessionTimeouts.Longer(absoluteTimeout, vaultAbsolute);
        if (startedAt is null || timeProvider.GetUtcNow() - startedAt.Value >= longest || !sessions.IsValid(context.Principal!))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return;
        }

        // A cookie issued under other auto-lock times (changed in Settings since) is issued again under the times now in
        // force, so the session does not end while the vault stays unlocked.
        // (A renewal keeps the ticket's own span, so the span is set first.)
        if (context.Properties.IssuedUtc is { } issued && context.Properties.ExpiresUtc is { } expires && expires - issued != context.Options.ExpireTimeSpan)
        {
            context.Properties.ExpiresUtc = issued + context.Options.ExpireTimeSpan;
            context.ShouldRenew = true;
        }

        await base.ValidatePrincipal(context).ConfigureAwait(false);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!ApiPaths.IsApi(context.Request))
        {
            return base.RedirectToLogin(context);
        }

        // A session cookie that no longer opens anything because the vault locked is told so (423); a request without
        // one is told how to get a session (401).
        var vault = context.HttpContext.RequestServices.GetRequiredService<VaultAccess>();
        return context.Request.Cookies.ContainsKey(KeyfolioCookies.Session) && !vault.IsUnlocked
            ? AnswerAsync(context, StatusCodes.Status423Locked, "Vault locked", "The vault is locked (by hand, by auto-lock or at shutdown), which ended this session. Unlock it with POST /api/vault/unlock.")
            : AnswerAsync(context, StatusCodes.Status401Unauthorized, "No session", "Unlock the vault with POST /api/vault/unlock to get a session cookie, and send it with each request.");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiPaths.IsApi(context.Request)
            ? AnswerAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This session may not do this.")
            : base.RedirectToAccessDenied(context);

    private static async Task AnswerAsync(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
