using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>The names of the cookies Keyfolio sets.</summary>
public static class KeyfolioCookies
{
    /// <summary>
    /// The session. <c>__Host-</c> binds it to this origin: browsers accept it only with <c>Secure</c>,
    /// <c>Path=/</c> and no <c>Domain</c>.
    /// </summary>
    public const string Session = "__Host-Keyfolio-Session";

    /// <summary>The antiforgery cookie token (its pair travels in the form field or the API header).</summary>
    public const string Antiforgery = "__Host-Keyfolio-Antiforgery";

    /// <summary>The chosen language; not a secret, so not prefixed and readable by the server only.</summary>
    public const string Culture = "Keyfolio-Culture";

    /// <summary>The time zone chosen in Settings (an IANA name such as <c>Europe/Berlin</c>); absent, the browser's own.
    /// Not a secret: the page script reads it from the page, never from the cookie.</summary>
    public const string TimeZone = "Keyfolio-TimeZone";

    /// <summary>The options of a cookie that keeps a choice of this browser for a year (a layout, a time zone): nothing
    /// secret, read by the server only, sent on same-site navigation.</summary>
    public static CookieOptions Preference(HttpContext context, string path) => new()
    {
        Path = path,
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        MaxAge = TimeSpan.FromDays(365),
    };
}
