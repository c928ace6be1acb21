using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keyfolio.Web.Api;

/// <summary><c>GET /api/antiforgery</c>: sets the antiforgery cookie and returns the token that pairs with it.</summary>
internal static class AntiforgeryTokenEndpoint
{
    public static Ok<AntiforgeryTokenResponse> Issue(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, tokens.HeaderName!));
    }
}

/// <summary>The antiforgery token and the header to send it in.</summary>
public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);
