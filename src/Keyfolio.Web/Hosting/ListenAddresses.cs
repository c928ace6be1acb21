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
    /// <exception cref="ListenAddressException">A URL is malformed; or is not loopback and <paramref name="allowRemote"/> is
    /// false; or is not loopback, plain http, and <paramref name="insecureHttp"/> is false.</exception>
    public static IReadOnlyList<Uri> Check(IEnumerable<string> urls, bool allowRemote, bool insecureHttp = false)
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

            if (uri.Scheme == Uri.UriSchemeHttp && !insecureHttp)
            {
                throw new ListenAddressException(string.Format(
                    CultureInfo.InvariantCulture,
                    "--urls {0} would send the master password and the session over plain http to other machines. Use https (for example {1}), or add --insecure-http if a TLS proxy in front of Keyfolio handles it.",
                    url,
                    url.Replace("http://", "https://", StringComparison.OrdinalIgnoreCase)));
            }

            remote.Add(uri);
        }

        if (!any)
        {
            throw new ListenAddressException("--urls is empty. Give at least one URL, for example " + KeyfolioWebOptions.DefaultUrl + ".");
        }

        return remote;
    }

    /// <summary>
    /// The host names a request may carry in its Host header: the loopback names, and with remote access the names
    /// given. A wildcard is refused: it would let a page elsewhere reach Keyfolio by DNS rebinding.
    /// </summary>
    /// <exception cref="ListenAddressException">Remote access is allowed without any host name, or with a wildcard or malformed one.</exception>
    public static IReadOnlyList<string> AllowedHosts(bool allowRemote, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] loopback = ["127.0.0.1", "localhost", "[::1]"];
        var given = names.SelectMany(n => n.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (!allowRemote)
        {
            return loopback;
        }

        if (given.Count == 0)
        {
            throw new ListenAddressException("--allow-remote needs --allowed-hosts: the host names other machines use to reach Keyfolio (for example --allowed-hosts keyfolio.example.org). Requests for any other name are refused.");
        }

        foreach (var name in given)
        {
            if (name.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                throw new ListenAddressException(string.Format(
                    CultureInfo.InvariantCulture,
                    "--allowed-hosts \"{0}\" is not a host name. Give the exact names clients use, such as keyfolio.example.org or 192.168.1.20; wildcards are not accepted.",
                    name));
            }
        }

        return [.. loopback, .. given.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The form of <paramref name="url"/> the server binds: an IPv4 address written as IPv4-mapped IPv6
    /// (<c>http://[::ffff:127.0.0.1]:5080</c>), which a socket cannot be bound to, becomes the IPv4 address it names;
    /// any other URL is left as it is.
    /// </summary>
    public static string ForBinding(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            && address.IsIPv4MappedToIPv6)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{address.MapToIPv4()}:{uri.Port}");
        }

        return url;
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

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
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
