namespace Keyfolio.Exchanges;

/// <summary>
/// Where a key may be sent. A signed call carries the API key and a signature, so a base URL other than the exchange's
/// own (a custom URL, a host override) must use https — unless it is this machine's loopback address (the Keyfolio
/// simulator, a local proxy), where plain http never leaves the host.
/// </summary>
public static class BaseUrlPolicy
{
    /// <summary>True for an absolute https URL, or http to a loopback address, with no user name or password in it.</summary>
    public static bool IsAllowed(Uri url) => Problem(url, "The URL") is null;

    /// <summary>
    /// What is wrong with <paramref name="url"/> as the base URL given in <paramref name="setting"/> (named at the start
    /// of the text, as in "The API URL"), with the fix, in English and Chinese; null when it is allowed.
    /// </summary>
    public static LocalizedText? Problem(Uri? url, string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (url is null || !url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
        {
            return Texts.Of("MustBeAnAbsoluteHttps", setting);
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            return Texts.Of("UsesPlainHttpToThe", setting, url.Host);
        }

        return null;
    }
}
