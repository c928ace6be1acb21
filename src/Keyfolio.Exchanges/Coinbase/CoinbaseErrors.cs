using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// Coinbase's refusals (docs/exchange-errors.md, Coinbase). Every authentication failure — a wrong private key, an
/// unknown or deleted key, an expired or not-yet-valid JWT, a JWT for another path, an address not on the key's IP
/// allowlist — is the same bare <c>401 Unauthorized</c>, not JSON, so the diagnosis narrows by what Keyfolio can check
/// itself: the form of both fields (locally, before any call), the clock (the transport measures Coinbase's time again
/// and signs with it), and the signature (made with the private key given); what remains is named with the steps to
/// tell it apart. Other refusals carry <c>{"error","error_details","message"}</c>; a rate limit may come in the older
/// <c>{"errors":[{"id","message"}]}</c> form (Coinbase App, "Rate Limiting":
/// https://docs.cdp.coinbase.com/coinbase-app/api-architecture/rate-limiting).
/// </summary>
internal static class CoinbaseErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        if (response.IsSuccessStatus)
        {
            return null;
        }

        if (response.StatusCode == 401)
        {
            return new ExchangeError(
                DiagnosisCategory.InvalidKey,
                "401",
                response.Body.Trim() is { Length: > 0 and <= 64 } text ? text : "Unauthorized",
                OtherPossibleCauses: [DiagnosisCategory.BadSignature, DiagnosisCategory.IpNotAllowed, DiagnosisCategory.ClockSkew],
                Explanation: new(
                    "Coinbase refused the key with a bare \"401 Unauthorized\": it answers every refused key this way and never says why. Keyfolio has ruled out what it can check itself: the key name and the private key have the right form, and the request was signed with that private key at Coinbase's own time. What remains: the private key is not this key name's, the key was deleted, or this host's address is not on the key's IP allowlist.",
                    "Coinbase 以一个不带说明的“401 Unauthorized”拒绝了此密钥：所有被拒绝的密钥都是这样的回应，Coinbase 从不说明原因。Keyfolio 已排除它能自行检查的原因：密钥名称和私钥格式正确，请求已用该私钥按 Coinbase 的服务器时间签名。剩下的可能是：私钥不属于这个密钥名称、密钥已被删除，或本机地址不在该密钥的 IP 允许列表中。"),
                Fix: new(
                    "In the CDP portal (API Keys → Secret API Keys), check that a key with this name still exists and, if it has an IP allowlist, that this host's public address is on it (Configure). If both hold, the private key belongs to another key: paste the name and private key from the same download again, or create a new ECDSA key with only View ticked.",
                    "在 CDP 门户（API Keys → Secret API Keys）中确认此名称的密钥仍然存在；如果它设置了 IP 允许列表，确认本机公网地址在其中（Configure）。如两者都没问题，说明私钥属于另一个密钥：请从同一份下载中重新粘贴名称和私钥，或新建一个只勾选“查看”（View）的 ECDSA 密钥。"));
        }

        using var document = JsonValues.TryParse(response.Body);
        var root = document?.RootElement;
        string? code = null;
        string? message = null;
        if (root is { ValueKind: JsonValueKind.Object } body)
        {
            code = JsonValues.String(body, "error");
            message = JsonValues.String(body, "error_details") is { Length: > 0 } details ? details : JsonValues.String(body, "message");
            if (code is null && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object)
            {
                code = JsonValues.String(errors[0], "id");
                message = JsonValues.String(errors[0], "message");
            }
        }

        return (response.StatusCode, code) switch
        {
            (429, _) or (_, "rate_limit_exceeded") => new(DiagnosisCategory.RateLimited, code, message),
            (451, _) => new(DiagnosisCategory.RegionBlocked, code, message),

            // A View key asked for something it may not do, or a key asked about another portfolio than its own
            // ("Each API key is scoped to specific portfolio": https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/guides/portfolios).
            (403, _) or (_, "PERMISSION_DENIED") when message?.Contains("portfolio", StringComparison.OrdinalIgnoreCase) == true =>
                new(DiagnosisCategory.MissingPermission, code ?? "PERMISSION_DENIED", message, Explanation: new(
                    "Coinbase refused to show another portfolio than the key's own: each Coinbase key sees one portfolio only.",
                    "Coinbase 拒绝显示此密钥所属投资组合之外的投资组合：每个 Coinbase 密钥只能查看一个投资组合。"), Fix: new(
                    "Create one key per portfolio in the CDP portal (choose the portfolio under API restrictions) and add each as its own connection.",
                    "请在 CDP 门户为每个投资组合各建一个密钥（在 API restrictions 中选择投资组合），并分别添加为连接。")),
            (403, _) or (_, "PERMISSION_DENIED") => new(DiagnosisCategory.MissingPermission, code ?? "PERMISSION_DENIED", message, Fix: new(
                "Coinbase says the key lacks the permission this read needs: create a key in the CDP portal with \"View\" ticked (and nothing else) and use it instead.",
                "Coinbase 表示此密钥缺少读取所需的权限：请在 CDP 门户新建一个勾选“查看”（View）（且只勾选它）的密钥并改用它。")),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }
}
