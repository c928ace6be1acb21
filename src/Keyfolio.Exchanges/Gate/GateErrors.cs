using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

/// <summary>Gate's <c>{"label":"…","message":"…"}</c> refusals (docs/exchange-errors.md, Gate).</summary>
internal static class GateErrors
{
    /// <summary>The label of a futures, delivery or options account never opened (funds never transferred to it).</summary>
    public const string NotOpened = "USER_NOT_FOUND";

    /// <summary>"Sub account not found" (docs "Error Handling", wallet labels): a <c>sub_uid</c> that is not a sub-account of the key's account.</summary>
    public const string SubAccountNotFound = "SUB_ACCOUNT_NOT_FOUND";

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        // Refusals come only with an error status; a successful body is not parsed twice.
        if (response.IsSuccessStatus)
        {
            return null;
        }

        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || JsonValues.String(root, "label") is not { } label)
        {
            return null;
        }

        // The futures "not opened" answer carries its text in "detail" (ccxt/ccxt#13249), the documented envelope in "message".
        var message = JsonValues.String(root, "message") ?? JsonValues.String(root, "detail");
        return label switch
        {
            "INVALID_KEY" or "MISSING_REQUIRED_HEADER" or "INVALID_CREDENTIALS" => new(DiagnosisCategory.InvalidKey, label, message),
            "ACCOUNT_LOCKED" => new(DiagnosisCategory.InvalidKey, label, message, Fix: new(
                "Gate has locked this account: sign in on gate.com to see why, or contact Gate support.",
                "Gate 已锁定该账户：请登录 gate.com 查看原因，或联系 Gate 客服。")),
            "INVALID_SIGNATURE" => new(DiagnosisCategory.BadSignature, label, message),
            "REQUEST_EXPIRED" => new(DiagnosisCategory.ClockSkew, label, message),
            "IP_FORBIDDEN" => new(DiagnosisCategory.IpNotAllowed, label, message, Fix: new(
                "Add this host's public IP address to the key's IP whitelist on Gate (changes take up to 5 minutes), or remove the whitelist.",
                "请在 Gate 上把本机的公网 IP 地址加入该密钥的 IP 白名单（修改最多需要 5 分钟生效），或取消白名单。")),
            "FORBIDDEN" or "READ_ONLY" => new(DiagnosisCategory.MissingPermission, label, message),
            SubAccountNotFound => new(DiagnosisCategory.MissingPermission, label, message, Fix: new(
                "Check the sub-accounts on Gate; leave this one out on Keyfolio if it was deleted or belongs to another account.",
                "请在 Gate 查看子账户；如该子账户已删除或属于另一个账户，请在 Keyfolio 中将其排除。")),
            // "User has no futures account" (docs "Error Handling" label list); a wallet never opened, which the connector
            // reports as not opened, never as a failure.
            NotOpened => new(DiagnosisCategory.ExchangeUnavailable, label, message),
            "TOO_MANY_REQUESTS" => new(DiagnosisCategory.RateLimited, label, message, RetryAt: response.UnixTimeHeader("X-Gate-RateLimit-Reset-Timestamp")),
            _ when response.StatusCode == 451 => new(DiagnosisCategory.RegionBlocked, label, message),
            _ when response.StatusCode >= 500 => new(DiagnosisCategory.ExchangeUnavailable, label, message),
            _ => null,
        };
    }
}
