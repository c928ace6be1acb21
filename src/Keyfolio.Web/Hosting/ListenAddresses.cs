using System.Globalization;
using System.Net;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// Checks the addresses Keyfolio is asked to listen on. Loopback is the default; anything else exposes the
/// vault's unlock page to the network and must be asked for explicitly.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Parses and checks <paramref name="urls"/>; returns the addresses that are not loopback.</summary>
    /// <exception cref="ListenAddressException">A URL is malformed, or is not loopback and <paramref name="allowRemote"/> is false.</exception>
    public static IReadOnlyList<Uri> Check(IEnumerable<string> urls, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var remote = new List<Uri>();
        var any = false;
        foreach (var url in urls)
        {
            any = true;
            var uri = Parse(url);
            if (IsLoopback(uri))
            {
                continue;
            }

            if (!allowRemote)
            {
                throw new ListenAddressException(string.Format(
                    CultureInfo.InvariantCulture,
                    "--urls {0} would make Keyfolio reachable from other machines. Use a loopback address such as {1}, or add --allow-remote (and serve it over https).",
                    url,
                    KeyfolioWebOptions.DefaultUrl));
            }

            remote.Add(uri);
        }

        if (!any)
        {
            throw new ListenAddressException("--urls is empty. Give at least one URL, for example " + KeyfolioWebOptions.DefaultUrl + ".");
        }

        return remote;
    }

    /// <summary>Whether the URL's host is a loopback name or address.</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    private static Uri Parse(string url)
    {
        // Kestrel's wildcards ("*", "+") mean every interface; make them parse as a host so the check sees them.
        var normalized = url.Trim().Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ListenAddressException(string.Format(
                CultureInfo.InvariantCulture,
                "--urls \"{0}\" is not a valid address. Write it as scheme://host:port, for example {1}.",
                url,
                KeyfolioWebOptions.DefaultUrl));
        }

        return uri;
    }
}
