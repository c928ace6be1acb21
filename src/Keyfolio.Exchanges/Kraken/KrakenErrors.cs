using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kraken;

/// <summary>
/// Kraken's refusals: HTTP 200 with <c>{"error":["EAPI:Invalid key"]}</c> — "HTTP status codes are generally not used by
/// our API" (Kraken API, "Spot REST Introduction": https://docs.kraken.com/api/docs/guides/spot-rest-intro; the strings
/// from "Errors": https://docs.kraken.com/api/docs/guides/spot-errors and support article 360001491786). A message may
/// carry extra text after a further colon (<c>EGeneral:Invalid arguments:ordertype</c>), so they are matched by prefix.
/// Warnings start with <c>W</c> and come with a result: they are not refusals (docs/exchange-errors.md, Kraken).
/// </summary>
internal static class KrakenErrors
{
    /// <summary>How long the Starter tier's call counter takes to fall from its maximum of 15 to 0 at −0.33 per second
    /// (Kraken API, "Spot REST Rate Limits": https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits).</summary>
    private static readonly TimeSpan CounterDrains = TimeSpan.FromSeconds(45);

    /// <summary>"Approximately 15 minutes" (Kraken support article 360001491786).</summary>
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("error", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var message = errors.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!)
            .FirstOrDefault(e => e.StartsWith('E'));
        return message is null ? null : Classify(message, response);
    }

    private static ExchangeError Classify(string message, ExchangeResponse response)
    {
        // "EService: Throttled: 1741500000" is documented with spaces and also seen without them.
        var text = message.Replace(": ", ":", StringComparison.Ordinal);
        var code = text.Split(':') is [var category, var name, ..] ? category + ":" + name : text;
        return code switch
        {
            "EAPI:Invalid key" => new(DiagnosisCategory.InvalidKey, code, message, OtherPossibleCauses: [DiagnosisCategory.KeyExpired], Fix: new(
                "Kraken does not know this API key: it was mistyped or copied with a trailing line break, deleted on Kraken, or its expiry date has passed. Copy the API Key again from Settings → API, or create a new key.",
                "Kraken 不认识此 API Key：可能输错、复制时带了换行、已在 Kraken 删除，或已过了到期日期。请从 设置 → API 重新复制 API Key，或新建一个密钥。")),
            "EAPI:Invalid signature" => new(DiagnosisCategory.BadSignature, code, message, Fix: new(
                "Kraken could not verify the signature. Either the Private Key does not belong to this API Key (copy it again, all 88 characters), or the key is protected by two-factor authentication and needs its 2FA password: enter it in the optional 2FA field, or create a key without 2FA restricted to this host's IP address instead.",
                "Kraken 无法验证签名：要么 Private Key 与此 API Key 不匹配（请重新完整复制 88 个字符），要么该密钥开启了双重验证、需要 2FA 密码：请在可选的 2FA 栏位中填写，或改为新建一个不开启 2FA、但限制为本机 IP 地址的密钥。")),
            "EAPI:Invalid nonce" => new(DiagnosisCategory.NonceUsedElsewhere, code, message, Fix: new(
                "Kraken refuses a nonce that is not above the highest one this key has used. Another program is using the same key, or a tool once used it with nanosecond nonces (Kraken's own SDK and command-line client do): Kraken then refuses every smaller nonce for good, and its key details (GetApiKeyInfo) show that nonce. Create a new key for Keyfolio alone.",
                "Kraken 拒绝不大于该密钥用过的最大 nonce 的请求：可能有其他程序在使用同一密钥，或某个工具曾以纳秒为单位的 nonce 使用过它（Kraken 自己的 SDK 和命令行客户端就是如此），此后 Kraken 会永久拒绝所有更小的 nonce，其密钥信息（GetApiKeyInfo）会显示该 nonce。请新建一个仅供 Keyfolio 使用的密钥。")),
            "EGeneral:Permission denied" => new(DiagnosisCategory.MissingPermission, code, message, OtherPossibleCauses: [DiagnosisCategory.IpNotAllowed], Fix: new(
                "The key lacks the permission this call needs: on Kraken, open Settings → API, edit the key and tick \"Query Funds\". If the key has an IP allowlist, check that it holds this host's public IP address.",
                "该密钥缺少此调用所需的权限：请在 Kraken 打开 设置 → API，编辑该密钥并勾选“Query Funds”。如果该密钥设置了 IP 白名单，请确认其中包含本机的公网 IP 地址。")),
            "EAPI:Rate limit exceeded" or "EAuth:Rate limit exceeded" or "EAuth:Too many requests" or "EGeneral:Too many requests" =>
                new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.RetryAfter ?? response.ReceivedAt + CounterDrains),
            "EService:Throttled" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: ThrottledUntil(text) ?? response.ReceivedAt + CounterDrains),
            "EGeneral:Temporary lockout" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.ReceivedAt + Lockout, Fix: new(
                "Kraken has locked this key out for about 15 minutes after too many failed calls (wrong key, signature or nonce). Fix the cause the earlier refusal named, then wait; every further attempt restarts the lockout.",
                "由于失败调用过多（密钥、签名或 nonce 错误），Kraken 已将此密钥锁定约 15 分钟。请先解决之前拒绝中指出的原因，然后等待；期间的每次尝试都会重新开始锁定。")),
            "EAuth:Account temporary disabled" or "EAuth:Account unconfirmed" => new(DiagnosisCategory.InvalidKey, code, message, Fix: new(
                "Kraken has disabled this account, or it is not verified yet: sign in on kraken.com to see why, or contact Kraken support.",
                "Kraken 已停用该账户，或账户尚未完成验证：请登录 kraken.com 查看原因，或联系 Kraken 客服。")),
            "EGeneral:Invalid arguments" => new(DiagnosisCategory.ExchangeUnavailable, code, message, Fix: new(
                "Kraken refused the request's parameters. If the key has a query start or end date, remove it on Kraken; otherwise the request does not match Kraken's current API — update Keyfolio.",
                "Kraken 拒绝了请求的参数。如果该密钥设置了查询起止日期，请在 Kraken 上取消；否则说明请求与 Kraken 当前的 API 不符，请更新 Keyfolio。")),

            // Listed by client libraries, not in Kraken's error guide (EAPI:Feature disabled:viqc on orders).
            "EAPI:Feature disabled" => new(DiagnosisCategory.ExchangeUnavailable, code, message),
            "EQuery:Unknown asset pair" or "EQuery:Unknown asset" => new(DiagnosisCategory.ExchangeUnavailable, code, message),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }

    /// <summary>What a refused address looks like once <see cref="KrakenConnector"/> has told it from a missing right.</summary>
    public static Diagnosis AsIpRefusal(Diagnosis denied) => denied with
    {
        Category = DiagnosisCategory.IpNotAllowed,
        OtherPossibleCauses = [],
        Explanation = Diagnostics.DiagnosisTexts.Explanation(DiagnosisCategory.IpNotAllowed),
        Fix = new(
            "Kraken refused even the call that needs no permission, so this host's address is not in the key's IP allowlist: on Kraken, open Settings → API, edit the key and add this host's public IP address, or remove the allowlist.",
            "Kraken 连无需任何权限的调用也拒绝了，说明本机地址不在该密钥的 IP 白名单中：请在 Kraken 打开 设置 → API，编辑该密钥并加入本机的公网 IP 地址，或取消白名单。"),
    };

    /// <summary>A refused right, confirmed by the key's own description.</summary>
    public static Diagnosis AsMissingRight(Diagnosis denied) => denied with { OtherPossibleCauses = [] };

    /// <summary>The Unix time in <c>EService:Throttled:1741500000</c>, after which calls may resume.</summary>
    private static DateTimeOffset? ThrottledUntil(string text) =>
        long.TryParse(text[(text.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
