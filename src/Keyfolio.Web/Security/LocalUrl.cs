namespace Keyfolio.Web.Security;

/// <summary>Tells a path on this site from an address elsewhere, so a return URL cannot send anyone off-site.</summary>
public static class LocalUrl
{
    /// <summary>Only a path on this site: "//host" and "/\host" would leave it (an open redirect).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is local, else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
