using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Keyfolio.Web.Api;

/// <summary>
/// The readable API reference at <c>/api/reference</c>: Scalar's page over the OpenAPI document, served from the
/// package itself (nothing is fetched from elsewhere). Its scripts run under a nonce made for each answer; its styles,
/// which the page injects as it draws, are the one relaxation of the content security policy, on this page only.
/// Scalar's links to its own services (its AI agent, its developer tools, its hosted client) are turned off.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(Path, options => options
                .WithTitle("Keyfolio API reference")
                .WithOpenApiRoutePattern(KeyfolioApi.OpenApiPattern)
                .AddDocument(KeyfolioApi.DocumentName)
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideClientButton()
                .HideDeveloperTools())
            .WithMetadata(new PagePolicy(PolicyFor));
    }

    /// <summary>The page's policy: Keyfolio's own, its scripts allowed by this answer's nonce and its inline styles.</summary>
    internal static string PolicyFor(HttpContext context) =>
        context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
            ? SecurityHeaders.ContentSecurityPolicy + $"; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'"
            : SecurityHeaders.ContentSecurityPolicy;
}
