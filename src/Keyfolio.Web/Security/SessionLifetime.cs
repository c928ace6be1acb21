using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Keyfolio.Web.Security;

/// <summary>
/// Makes the session cookie follow auto-lock times changed while Keyfolio runs: its idle lifetime is worked out from
/// them when the cookie options are built, so <see cref="Refresh"/> drops the built options and the next request
/// builds them again from the times now in force.
/// </summary>
internal sealed class SessionLifetime(IOptionsMonitorCache<CookieAuthenticationOptions> cookieOptions)
{
    public void Refresh() => cookieOptions.TryRemove(CookieAuthenticationDefaults.AuthenticationScheme);
}
