using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>
/// Begins and ends the browser session that unlocking the vault grants. A session names the unlock it belongs to
/// (<see cref="VaultEpochClaim"/>), so it ends when the vault locks, and carries its own random id for state kept on
/// the server for it (the OKX Fast connect flow).
/// </summary>
public static class KeyfolioSession
{
    /// <summary>The claim holding when the session began (Unix seconds), for the absolute timeout.</summary>
    public const string StartedAtClaim = "keyfolio:session-started";

    /// <summary>The claim naming the unlock of the vault the session was granted by.</summary>
    public const string VaultEpochClaim = "keyfolio:vault-epoch";

    /// <summary>The claim holding the session's own random id.</summary>
    public const string SessionIdClaim = "keyfolio:session-id";

    /// <summary>Issues a new session cookie for the current unlock of the vault, replacing any earlier one.</summary>
    public static Task SignInAsync(HttpContext context, TimeProvider timeProvider, string vaultEpoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(vaultEpoch);

        var startedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "vault-owner"),
                new Claim(StartedAtClaim, startedAt),
                new Claim(VaultEpochClaim, vaultEpoch),
                new Claim(SessionIdClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            ],
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

    /// <summary>The session's own id, or null for a request without a session.</summary>
    public static string? SessionId(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(SessionIdClaim) : null;
    }
}
