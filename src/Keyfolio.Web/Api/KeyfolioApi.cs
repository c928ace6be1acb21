using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Api;

/// <summary>The REST API under <c>/api</c>: its route group and the routes every deployment has.</summary>
public static class KeyfolioApi
{
    /// <summary>Where the OpenAPI document is served (<c>{documentName}</c> is <c>v1</c>).</summary>
    public const string OpenApiPattern = "/api/openapi/{documentName}.json";

    public const string DocumentName = "v1";

    /// <summary>
    /// A route group under <c>/api</c> with the API's rules: a state-changing request needs the antiforgery
    /// token in the <c>X-Keyfolio-Antiforgery</c> header, errors are problem details, and the routes appear
    /// in the OpenAPI document. Call it once per feature (<c>app.MapKeyfolioApi().MapGroup("/connections")</c>).
    /// </summary>
    public static RouteGroupBuilder MapKeyfolioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(ApiPaths.Root);
        api.AddEndpointFilter<ApiAntiforgeryFilter>();
        api.ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    internal static void MapBuiltInRoutes(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapKeyfolioApi().WithTags("Session");
        api.MapGet("/antiforgery", AntiforgeryTokenEndpoint.Issue)
            .WithName("GetAntiforgeryToken")
            .WithSummary("Issues the antiforgery token that state-changing API requests send in the X-Keyfolio-Antiforgery header.");
    }
}
