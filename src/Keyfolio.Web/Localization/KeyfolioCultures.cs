using System.Globalization;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace Keyfolio.Web.Localization;

/// <summary>The languages Keyfolio speaks and how a request's language is chosen.</summary>
public static class KeyfolioCultures
{
    public const string English = "en";

    public const string SimplifiedChinese = "zh-Hans";

    public const string TraditionalChinese = "zh-Hant";

    public const string Japanese = "ja";

    public const string Korean = "ko";

    /// <summary>The supported cultures, the default first.</summary>
    public static IReadOnlyList<CultureInfo> Supported { get; } =
        [.. new[] { English, SimplifiedChinese, TraditionalChinese, Japanese, Korean }.Select(CultureInfo.GetCultureInfo)];

    /// <summary>Whether <paramref name="name"/> is one of the supported culture names (exact, case-insensitive).</summary>
    public static bool IsSupported(string? name) =>
        name is not null && Supported.Any(culture => string.Equals(culture.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The chosen language cookie first, then the browser's Accept-Language, else English.</summary>
    internal static RequestLocalizationOptions RequestLocalization()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = KeyfolioCookies.Culture },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
