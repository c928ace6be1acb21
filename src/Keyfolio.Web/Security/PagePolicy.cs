using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>
/// Endpoint metadata for the rare page that needs a content security policy other than Keyfolio's own: the policy is
/// made for each answer (a nonce, say) and replaces <see cref="SecurityHeaders.ContentSecurityPolicy"/> on it alone.
/// </summary>
internal sealed class PagePolicy(Func<HttpContext, string> policy)
{
    public string For(HttpContext context) => policy(context);
}
