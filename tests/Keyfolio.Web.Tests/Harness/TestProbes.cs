using Keyfolio.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>
/// Routes the tests add to the real app to exercise the security surface generically: each goes through the same
/// pipeline, group conventions and policies as a real route.
/// </summary>
public static class TestProbes
{
    public const string Canary = "canary-secret-Zq81xT";

    public static void Map(IEndpointRouteBuilder app)
    {
        // Routes of the tests only: not part of the API the OpenAPI document describes.
        var api = app.MapKeyfolioApi().ExcludeFromDescription();
        api.MapPost("/probe/echo", () => TypedResults.Ok(new { changed = true }));
        api.MapGet("/probe/throw", string () => throw new InvalidOperationException("Exchange answered with key " + Canary));
        api.MapGet("/probe/session", () => TypedResults.Ok(new { session = "active" })).RequireAuthorization();
    }
}
