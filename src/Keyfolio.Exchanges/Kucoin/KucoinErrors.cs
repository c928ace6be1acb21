using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kucoin;

/// <summary>
/// KuCoin's <c>{"code":"…","msg":"…"}</c> refusals, matched on the code since the wording changed between gateway versions
/// (KuCoin API, "Error Code": https://www.kucoin.com/docs-new/error-code; docs/exchange-errors.md, KuCoin).
/// </summary>
internal static partial class KucoinErrors
{
    /// <summary>The codes KuCoin answers success with: <c>200000</c>, and <c>200</c> on some margin endpoints.</summary>
    public static bool IsSuccessCode(string? code) => code is "200000" or "200";

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        var root = document?.RootElement;
        var code = root is { ValueKind: JsonValueKind.Object } element ? JsonValues.String(element, "code") : null;
        var message = root is { ValueKind: JsonValueKind.Object } withMessage ? JsonValues.String(withMessage, "msg") : null;
        if (code is null || IsSuccessCode(code))
        {
            return null;
        }

        return code switch
        {
            "400001" => new(DiagnosisCategory.InvalidKey, code, message, Explanation: new(
                "KuCoin did not find the key, signature, timestamp or passphrase in the request.",
                "KuCoin 在请求中找不到密钥、签名、时间戳或 API 密码。")),
            "400002" => new(DiagnosisCategory.ClockSkew, code, message),
            "400003" => new(DiagnosisCategory.InvalidKey, code, message, Explanation: new(
                "KuCoin does not know this API Key: it is mistyped, or the key was deleted (KuCoin deletes a key that can trade and has no IP address after 30 days without use).",
                "KuCoin 不认识此 API Key：可能输入有误，或密钥已被删除（可交易且未绑定 IP 的密钥连续 30 天未使用后会被 KuCoin 删除）。")),
            // The passphrase header is an HMAC keyed with the secret, and KuCoin checks it before the signature (a
            // request with both wrong is answered 400004: https://github.com/ccxt/ccxt/issues/9369), so a wrong secret
            // shows as a wrong passphrase too.
            "400004" => new(DiagnosisCategory.WrongPassphrase, code, message, OtherPossibleCauses: [DiagnosisCategory.BadSignature], Explanation: new(
                "KuCoin refused the passphrase. It checks the passphrase with the API Secret, so either the passphrase or the secret is not the one of this key.",
                "KuCoin 拒绝了 API 密码。KuCoin 用 API Secret 校验 API 密码，因此可能是 API 密码或 Secret 与此密钥不符。"), Fix: new(
                "Enter the API passphrase you set when creating this key on KuCoin (not your login or trading password), and check that the API Secret is this key's. Neither can be recovered: if one is lost, delete the key and create a new one.",
                "请输入在 KuCoin 创建此密钥时设置的 API 密码（不是登录密码或交易密码），并确认 API Secret 属于此密钥。两者都无法找回：如有遗失，请删除该密钥并新建一个。")),
            "400005" => new(DiagnosisCategory.BadSignature, code, message),
            "400006" => new(DiagnosisCategory.IpNotAllowed, code, message, CallerIp: CallerIp(message)),
            "400007" or "400010" or "411200" => new(DiagnosisCategory.MissingPermission, code, message),
            "400008" => new(DiagnosisCategory.InvalidKey, code, message, Fix: new(
                "KuCoin no longer accepts this older key on this endpoint: create a new API key on KuCoin with only the \"General\" permission and use it instead.",
                "KuCoin 的此接口已不再接受这种旧版密钥：请在 KuCoin 新建一个只有“通用”（General）权限的 API 密钥并改用它。")),
            "400009" => new(DiagnosisCategory.InvalidKey, code, message),
            "400301" or "400302" => new(DiagnosisCategory.RegionBlocked, code, message),
            "400303" or "400304" => new(DiagnosisCategory.MissingPermission, code, message, Fix: new(
                "KuCoin asks for identity verification before this account may use the API: complete it on kucoin.com (for a sub-account, on the main account).",
                "KuCoin 要求先完成身份认证才能使用 API：请在 kucoin.com 完成认证（子账户请在主账户完成）。")),
            "411100" => new(DiagnosisCategory.InvalidKey, code, message, Fix: new(
                "KuCoin has frozen this account: sign in on kucoin.com to see why, or contact KuCoin support.",
                "KuCoin 已冻结该账户：请登录 kucoin.com 查看原因，或联系 KuCoin 客服。")),
            "429000" or "429001" or "429002" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: ResetAt(response)),
            _ when response.StatusCode == 451 => new(DiagnosisCategory.RegionBlocked, code, message),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }

    /// <summary><c>gw-ratelimit-reset</c> counts the milliseconds until the pool's window restarts (KuCoin API, "Rate Limit").</summary>
    private static DateTimeOffset? ResetAt(ExchangeResponse response) =>
        long.TryParse(response.Header("gw-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? response.ReceivedAt + TimeSpan.FromMilliseconds(ms)
            : null;

    private static string? CallerIp(string? message) =>
        message is not null && IpPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"client\s?ip is:\s*([0-9A-Fa-f:.]+[0-9A-Fa-f])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IpPattern();
}
