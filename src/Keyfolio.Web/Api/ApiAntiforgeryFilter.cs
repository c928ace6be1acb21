using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Api;

/// <summary>
/// Refuses a state-changing API request that lacks a valid antiforgery token. The framework's antiforgery
/// middleware only checks form posts; JSON calls carry the token in a header and are checked here.
/// </summary>
internal sealed class ApiAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context).ConfigureAwait(false);
        }

        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return BadInput.Problem(
                WebSecurityServices.AntiforgeryHeader,
                "The antiforgery token in the " + WebSecurityServices.AntiforgeryHeader + " header is missing or invalid.",
                "Send the token from GET /api/antiforgery in the " + WebSecurityServices.AntiforgeryHeader + " header, with the cookie that came with it (a new one after unlocking).");
        }

        return await next(context).ConfigureAwait(false);
    }
}
