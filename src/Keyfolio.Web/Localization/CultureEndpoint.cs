using System.Globalization;
using Keyfolio.Core.Settings;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Localization;

/// <summary>
/// <c>POST /culture</c>: the language switch every page shows. Remembers the choice in a cookie for a year and
/// sends the browser back to the page it came from.
/// </summary>
internal static class CultureEndpoint
{
    public const string Path = "/culture";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (Func<HttpContext, Task<IResult>>)SwitchAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

    private static async Task<IResult> SwitchAsync(HttpContext context)
    {
        // The antiforgery middleware has checked the form's token; the form is read only when it passed.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } || !context.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Language not changed",
                detail: "The language form has expired or did not come from a Keyfolio page. Reload the page and choose the language again.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? culture = form["culture"];
        string? returnUrl = form["returnUrl"];
        if (!KeyfolioCultures.IsSupported(culture))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown language",
                detail: "culture must be one of " + string.Join(", ", KeyfolioCultures.Supported.Select(c => $"\"{c.Name}\"")) + ".");
        }

        var name = KeyfolioCultures.Supported.First(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)).Name;
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // The command line speaks the same language as the web app once its owner has chosen one.
            await context.RequestServices.GetRequiredService<SettingsStore>()
                .SetAsync(SettingsStore.Language, Languages.NameOf(CultureInfo.GetCultureInfo(name)) ?? "en", context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Cookies.Append(
            KeyfolioCookies.Culture,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        return TypedResults.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"));
    }
}
