namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// Says precisely which Fast API setting is missing or wrong, so a page can explain why Fast connect is unavailable.
/// URLs must be https; http is accepted only for this machine's loopback address (a simulator, or a redirect URI as
/// RFC 8252 allows for loopback).
/// </summary>
public static class OkxFastApiOptionsValidator
{
    public const int MaxKeyLabelLength = 50;

    /// <summary>Every problem, each naming its setting and the fix in English and Chinese; empty when Fast connect can be
    /// offered. <paramref name="clientSecretStored"/> says whether the caller holds the client secret, which is no setting.</summary>
    public static IReadOnlyList<OkxFastApiSettingProblem> Check(OkxFastApiOptions options, bool clientSecretStored)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OkxFastApiSettingProblem>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add(new(nameof(options.ClientId), new(
                "ClientId is not set: enter the client id OKX sent when it approved the OAuth broker application.",
                "ClientId 未设置：请填写 OKX 批准 OAuth 经纪商申请时发送的客户端 ID。")));
        }
        else if (options.ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new(nameof(options.ClientId), new(
                "ClientId contains spaces or line breaks: copy it again exactly as OKX sent it.",
                "ClientId 含有空格或换行：请按 OKX 发送的内容重新准确复制。")));
        }

        if (!clientSecretStored)
        {
            problems.Add(new("ClientSecret", new(
                "The client secret is not stored: enter the client secret OKX sent with the client id.",
                "尚未保存客户端密钥：请填写 OKX 随客户端 ID 一起发送的客户端密钥。")));
        }

        AddUrlProblem(problems, nameof(options.AuthorizeUrl), options.AuthorizeUrl, "https://www.okx.com" + OkxFastApiOptions.AuthorizePath, allowQuery: false);
        AddUrlProblem(problems, nameof(options.ApiBaseUrl), options.ApiBaseUrl, "https://www.okx.com", allowQuery: false);
        if (string.IsNullOrWhiteSpace(options.TokenPath))
        {
            problems.Add(new(nameof(options.TokenPath), new(
                $"TokenPath is not set: use {OkxFastApiOptions.DefaultTokenPath}.",
                $"TokenPath 未设置：请使用 {OkxFastApiOptions.DefaultTokenPath}。")));
        }
        else if (!options.TokenPath.StartsWith('/') || options.TokenPath.StartsWith("//", StringComparison.Ordinal)
            || options.TokenPath.Any(c => c is '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new(nameof(options.TokenPath), new(
                $"TokenPath must be a path that starts with /, such as {OkxFastApiOptions.DefaultTokenPath} or /api/v5/users/oauth/token.",
                $"TokenPath 必须是以 / 开头的路径，例如 {OkxFastApiOptions.DefaultTokenPath} 或 /api/v5/users/oauth/token。")));
        }

        if (options.RedirectUri is null)
        {
            problems.Add(new(nameof(options.RedirectUri), new(
                "RedirectUri is not set: enter Keyfolio's Fast connect callback address exactly as registered with OKX.",
                "RedirectUri 未设置：请填写在 OKX 登记的 Keyfolio 快捷连接回调地址，须完全一致。")));
        }
        else
        {
            AddUrlProblem(problems, nameof(options.RedirectUri), options.RedirectUri, "https://keyfolio.example/connect/okx/callback", allowQuery: true);
        }

        if (string.IsNullOrWhiteSpace(options.KeyLabel) || options.KeyLabel.Length > MaxKeyLabelLength || options.KeyLabel.Any(char.IsControl))
        {
            problems.Add(new(nameof(options.KeyLabel), new(
                $"KeyLabel must be 1 to {MaxKeyLabelLength} characters without line breaks: it names the key on OKX, for example Keyfolio.",
                $"KeyLabel 必须为 1 至 {MaxKeyLabelLength} 个字符且不含换行：它是密钥在 OKX 上的名称，例如 Keyfolio。")));
        }

        return problems;
    }

    private static void AddUrlProblem(List<OkxFastApiSettingProblem> problems, string setting, Uri? url, string example, bool allowQuery)
    {
        if (url is null)
        {
            problems.Add(new(setting, new($"{setting} is not set: use {example}.", $"{setting} 未设置：请使用 {example}。")));
        }
        else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new(setting, new(
                $"{setting} must be an absolute https URL, such as {example}.",
                $"{setting} 必须是完整的 https 地址，例如 {example}。")));
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            problems.Add(new(setting, new(
                $"{setting} must use https: plain http is accepted only on this machine's loopback address.",
                $"{setting} 必须使用 https：仅本机回环地址可使用 http。")));
        }
        else if (url.Fragment.Length > 0 || (!allowQuery && url.Query.Length > 0))
        {
            problems.Add(new(setting, new(
                $"{setting} must not have {(allowQuery ? "a fragment (#…)" : "a query (?…) or a fragment (#…)")}: use {example} or the like.",
                $"{setting} 不能包含{(allowQuery ? "片段（#…）" : "查询参数（?…）或片段（#…）")}：请使用类似 {example} 的地址。")));
        }
    }
}

/// <summary>One setting that keeps Fast connect from working: its name and what to do, in English and Chinese.</summary>
public sealed record OkxFastApiSettingProblem(string Setting, LocalizedText Message)
{
    public override string ToString() => Message.En;
}
