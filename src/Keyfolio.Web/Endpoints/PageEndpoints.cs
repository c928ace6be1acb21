using Keyfolio.Core.Access;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Endpoints;

/// <summary>The pages' form posts that render no page of their own: <c>POST /lock</c>.</summary>
internal static class PageEndpoints
{
    public const string LockPath = "/lock";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(LockPath, (Func<HttpContext, VaultAccess, Task<IResult>>)LockAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

    private static async Task<IResult> LockAsync(HttpContext context, VaultAccess vault)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        // Anyone who reaches the button may lock: locking only ever takes access away.
        await vault.LockAsync().ConfigureAwait(false);
        await KeyfolioSession.SignOutAsync(context).ConfigureAwait(false);
        return TypedResults.LocalRedirect("/unlock?locked=1");
    }
}
