using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>Begins and ends the browser session that an unlocked vault grants.</summary>
public static class KeyfolioSession
{
    /// <summary>The claim holding when the session began (Unix seconds), for the absolute timeout.</summary>
    public const string StartedAtClaim = "keyfolio:session-started";

    /// <summary>Issues a new session cookie, replacing any earlier one.</summary>
    public static Task SignInAsync(HttpContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var startedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "vault-owner"), new Claim(StartedAtClaim, startedAt)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Ends the session and removes its cookie.</summary>
    public static Task SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>When the session in <paramref name="principal"/> began, or null if it carries no valid start.</summary>
    public static DateTimeOffset? StartedAt(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(StartedAtClaim);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
