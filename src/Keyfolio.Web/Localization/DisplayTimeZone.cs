using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Localization;

/// <summary>
/// The time zone the pages show times in when the person chose one in Settings: an IANA name (<c>Europe/Berlin</c>)
/// this machine knows, kept in a cookie of this browser. Without a choice the browser's own zone is used (the page
/// script asks the browser); without script, UTC, labelled.
/// </summary>
public static class DisplayTimeZone
{
    /// <summary>Every zone offered in Settings, by name.</summary>
    public static IReadOnlyList<string> Offered { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(IsIanaName).Order(StringComparer.Ordinal)];

    /// <summary>The chosen zone, or null for the browser's; a cookie naming no zone this machine knows is ignored.</summary>
    public static string? Chosen(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies[KeyfolioCookies.TimeZone] is { Length: > 0 and <= 64 } name && IsKnown(name) ? name : null;
    }

    /// <summary>True for a zone name this machine knows and Settings offers.</summary>
    public static bool IsKnown(string? name) =>
        name is { Length: > 0 and <= 64 } && IsIanaName(name) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out _);

    /// <summary>Stores the choice (null: the browser's own zone again) for this browser.</summary>
    public static void Choose(HttpContext context, string? name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (name is null)
        {
            context.Response.Cookies.Delete(KeyfolioCookies.TimeZone, new CookieOptions { Path = "/" });
            return;
        }

        context.Response.Cookies.Append(KeyfolioCookies.TimeZone, name, KeyfolioCookies.Preference(context, "/"));
    }

    /// <summary>An IANA name: "Area/Place" (or UTC), letters, digits and <c>/_+-</c> only.</summary>
    private static bool IsIanaName(string name) =>
        (name == "UTC" || name.Contains('/', StringComparison.Ordinal))
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '+' or '-');
}
