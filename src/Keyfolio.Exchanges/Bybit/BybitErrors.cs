using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>
/// Bybit's <c>{"retCode":…,"retMsg":"…"}</c> refusals, which come with HTTP 200, and its HTTP-level refusals: 401 for a
/// key of another environment or missing headers, 403 (an HTML page, no retCode) for a blocked location or an IP over
/// the limit (Bybit V5, "Error Codes": https://bybit-exchange.github.io/docs/v5/error; docs/exchange-errors.md, Bybit).
/// Matched by retCode, never by retMsg, whose wording changes.
/// </summary>
internal static class BybitErrors
{
    /// <summary>10001 "Request parameter error": also a classic account asked for its unified wallet.</summary>
    public const string ParameterError = "10001";

    /// <summary>100028 "The API cannot be accessed by unified account users."</summary>
    public const string NotForUnifiedAccounts = "100028";

    private static readonly TimeSpan IpBan = TimeSpan.FromMinutes(10);

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("retCode", out var retCode))
        {
            return HttpRefusal(response);
        }

        var code = JsonValues.Long(retCode);
        if (code is null or 0)
        {
            return null;
        }

        var text = code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = JsonValues.String(root, "retMsg");
        return code.Value switch
        {
            10003 => new(DiagnosisCategory.InvalidKey, text, message, OtherPossibleCauses: [DiagnosisCategory.WrongEnvironment, DiagnosisCategory.KeyExpired], Explanation: new(
                "Bybit does not know this key on this host. A key works only in the environment and on the site where it was created (mainnet, testnet, mainnet demo or testnet demo; global or a regional site), and a key that has expired or was deleted is refused the same way.",
                "Bybit 在此域名上不认识该密钥。密钥只能在创建它的环境和站点使用（主网、测试网、主网模拟或测试网模拟；全球站或地区站），已过期或已删除的密钥也会这样被拒绝。"), Fix: new(
                "Check that the site and environment chosen in Keyfolio are the ones the key was created on, then copy the API Key again from API Management. A key without an IP address stops working after 90 days: create a new one if it has expired.",
                "请确认 Keyfolio 中选择的站点和环境与创建密钥时一致，并从 API 管理重新复制 API Key。未绑定 IP 的密钥 90 天后失效：如已过期，请新建一个。")),
            10007 => new(DiagnosisCategory.InvalidKey, text, message),
            10008 => new(DiagnosisCategory.InvalidKey, text, message, Fix: new(
                "Bybit has restricted this account: sign in on bybit.com to see why, or contact Bybit support.",
                "Bybit 已限制该账户：请登录 bybit.com 查看原因，或联系 Bybit 客服。")),
            10004 => new(DiagnosisCategory.BadSignature, text, message),
            10002 => new(DiagnosisCategory.ClockSkew, text, message),
            10010 => new(DiagnosisCategory.IpNotAllowed, text, message, Fix: new(
                "Add this host's public IP address to the key on Bybit's API Management page, or create a key bound to it. A key created for a third-party application accepts only that application's addresses.",
                "请在 Bybit 的 API 管理页面为该密钥添加本机的公网 IP 地址，或新建绑定该地址的密钥。为第三方应用创建的密钥只接受该应用的地址。")),
            10005 => new(DiagnosisCategory.MissingPermission, text, message, Fix: new(
                "Edit the key on Bybit's API Management page and, keeping \"Read-Only\", tick the read scopes Keyfolio reads: Unified Trading, Spot, Wallet (\"Account Transfer\") and Earn.",
                "请在 Bybit 的 API 管理页面编辑该密钥，保持“只读”，并勾选 Keyfolio 读取所需的范围：统一交易账户、现货、钱包（“账户划转”）和理财。")),
            10006 or 10018 => new(DiagnosisCategory.RateLimited, text, message, RetryAt: response.UnixTimeHeader("X-Bapi-Limit-Reset-Timestamp")),
            33004 or -2015 => new(DiagnosisCategory.KeyExpired, text, message, Fix: new(
                "Create a new read-only key on Bybit. Bind it to this host's IP address so it does not expire: Bybit invalidates a key without an IP address after 90 days, and 7 days after the account password is changed.",
                "请在 Bybit 新建只读密钥，并绑定本机 IP 地址以免过期：未绑定 IP 的密钥会在 90 天后失效，修改账户密码 7 天后也会失效。")),
            10009 or 10024 => new(DiagnosisCategory.RegionBlocked, text, message),
            81007 => new(DiagnosisCategory.WrongEnvironment, text, message, Explanation: new(
                "Bybit EU accepts only keys made for registered third-party applications, which Keyfolio cannot use.",
                "Bybit 欧洲站只接受为已注册第三方应用创建的密钥，Keyfolio 无法使用。")),
            10028 or 100028 => new(DiagnosisCategory.ExchangeUnavailable, text, message, Explanation: new(
                "This Bybit endpoint does not serve the account's mode (unified or not).",
                "此 Bybit 接口不支持该账户的模式（统一账户或非统一账户）。")),
            _ => new(DiagnosisCategory.ExchangeUnavailable, text, message),
        };
    }

    /// <summary>A refusal without Bybit's JSON: 401 is a key of another environment or missing headers; 403 a blocked
    /// location (US, Mainland China) or an IP over its limit, which lasts at least 10 minutes.</summary>
    private static ExchangeError? HttpRefusal(ExchangeResponse response) => response.StatusCode switch
    {
        401 => new(DiagnosisCategory.InvalidKey, OtherPossibleCauses: [DiagnosisCategory.WrongEnvironment], Explanation: new(
            "Bybit refused the key on this host: it belongs to another environment or site (mainnet, testnet, demo; global or regional), or was deleted.",
            "Bybit 在此域名上拒绝了该密钥：它属于其他环境或站点（主网、测试网、模拟；全球站或地区站），或已被删除。")),
        403 when response.Body.Contains("too frequent", StringComparison.OrdinalIgnoreCase) =>
            new(DiagnosisCategory.RateLimited, RetryAt: response.ReceivedAt + IpBan),
        403 => new(DiagnosisCategory.RegionBlocked, OtherPossibleCauses: [DiagnosisCategory.RateLimited], Explanation: new(
            "Bybit refused this host before reading the request: addresses in the US and Mainland China are blocked, and an address that sent more than 600 requests in 5 seconds is shut out for 10 minutes.",
            "Bybit 在读取请求前就拒绝了本机：美国和中国大陆的地址会被屏蔽，5 秒内超过 600 次请求的地址会被封禁 10 分钟。")),
        >= 500 => new(DiagnosisCategory.ExchangeUnavailable),
        _ => null,
    };
}
