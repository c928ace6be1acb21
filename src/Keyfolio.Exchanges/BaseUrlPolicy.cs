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
            return new(
                $"{setting} must be an absolute https URL without a user name or password, such as https://proxy.example:8443.",
                $"{setting} 必须是不含用户名和密码的完整 https 地址，例如 https://proxy.example:8443。");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            return new(
                $"{setting} uses plain http to {url.Host}: the API key and the signature of every request would cross the network unencrypted. Use https, or plain http only to this machine's loopback address (127.0.0.1, ::1 or localhost), as the Keyfolio simulator does.",
                $"{setting} 使用明文 http 连接 {url.Host}：API Key 和每个请求的签名都将以明文在网络上传输。请改用 https；仅本机回环地址（127.0.0.1、::1 或 localhost，例如 Keyfolio 模拟器）可使用明文 http。");
        }

        return null;
    }
}
