using Keyfolio.Core.Access;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Endpoints;

/// <summary>The pages' requests that render no page of their own: <c>POST /lock</c>, and the download of an export made on Settings.</summary>
internal static class PageEndpoints
{
    public const string LockPath = "/lock";
    public const string ExportDownloadPath = "/settings/transfer/download";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LockPath, (Func<HttpContext, VaultAccess, Task<IResult>>)LockAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        endpoints.MapGet(ExportDownloadPath + "/{ticket}", (Func<string, HttpContext, Keyfolio.Web.Transfer.ExportDownloads, TimeProvider, IResult>)Download)
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    private static IResult Download(string ticket, HttpContext context, Keyfolio.Web.Transfer.ExportDownloads downloads, TimeProvider time)
    {
        // The ticket is good once, for the session that made the export.
        var session = KeyfolioSession.SessionId(context.User);
        var file = session is null ? null : downloads.Take(ticket, session);
        if (file is null)
        {
            return Results.LocalRedirect("/settings/transfer?expired=1");
        }

        context.Response.Headers.CacheControl = "no-store";
        var name = "keyfolio-export-" + time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture) + ".kfx";
        return Results.File(file, "application/octet-stream", name);
    }

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
