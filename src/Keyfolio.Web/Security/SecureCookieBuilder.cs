using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>
/// Builds a cookie that is always <c>Secure</c>, as its <c>__Host-</c> name requires. Browsers honour such a
/// cookie over https and on loopback (a potentially trustworthy origin), which is how Keyfolio listens by
/// default; on plain http to another machine they drop it, so a remote session needs https.
/// The framework's <c>CookieSecurePolicy.Always</c> cannot express this: antiforgery refuses it outright on a
/// plain-http request, even from loopback.
/// </summary>
internal sealed class SecureCookieBuilder : CookieBuilder
{
    public SecureCookieBuilder(string name)
    {
        Name = name;
        HttpOnly = true;
        SameSite = SameSiteMode.Strict;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        Path = "/";
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
