using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Okx;

/// <summary>OKX's <c>{"code":"…","msg":"…"}</c> refusals, whatever the HTTP status (docs/exchange-errors.md, OKX).</summary>
internal static partial class OkxErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        var root = document?.RootElement;
        var code = root is { ValueKind: JsonValueKind.Object } element ? JsonValues.String(element, "code") : null;
        var message = root is { ValueKind: JsonValueKind.Object } withMessage ? JsonValues.String(withMessage, "msg") : null;
        if (code is null or "0")
        {
            return response.StatusCode == 451 ? new(DiagnosisCategory.RegionBlocked, code, message) : null;
        }

        return code switch
        {
            "50111" or "50103" => new(DiagnosisCategory.InvalidKey, code, message),
            "50100" => new(DiagnosisCategory.InvalidKey, code, message, Fix: new(
                "OKX has frozen this API key: contact OKX support, or delete it and create a new read-only key.",
                "OKX 已冻结该 API Key：请联系 OKX 客服，或删除后新建一个只读密钥。")),
            "50119" => new(DiagnosisCategory.WrongEnvironment, code, message, Explanation: new(
                "The key does not exist on this OKX site: OKX keys work only on the entity where they were created (global, EEA or US).",
                "该密钥在此 OKX 站点不存在：OKX 的密钥只能在创建它的站点（全球、欧洲经济区或美国）使用。")),
            "50101" => new(DiagnosisCategory.WrongEnvironment, code, message, Explanation: new(
                "The key belongs to the other OKX environment: a demo-trading key was used on live trading, or a live key on demo trading.",
                "该密钥属于 OKX 的另一个环境：模拟盘密钥被用于实盘，或实盘密钥被用于模拟盘。")),
            "50105" or "50104" => new(DiagnosisCategory.WrongPassphrase, code, message, Fix: new(
                "Enter the Passphrase you chose when creating this V5 API key. OKX stores only a hash of it and cannot show it again: if it is lost, delete the key and create a new one.",
                "请输入创建此 V5 API Key 时设置的 Passphrase。OKX 只保存其哈希值，无法再次显示：如已遗忘，请删除该密钥并新建一个。")),
            "50113" or "50106" => new(DiagnosisCategory.BadSignature, code, message),
            "50102" or "50107" or "50112" => new(DiagnosisCategory.ClockSkew, code, message),
            "50110" => new(DiagnosisCategory.IpNotAllowed, code, message, CallerIp: CallerIp(message)),
            "50035" => new(DiagnosisCategory.IpNotAllowed, code, message, Fix: new(
                "OKX requires this key to be bound to an IP address: add this host's public IP address to the key.",
                "OKX 要求该密钥绑定 IP 地址：请把本机的公网 IP 地址添加到该密钥。")),
            "50120" or "50030" or "50114" => new(DiagnosisCategory.MissingPermission, code, message),
            "50011" or "50061" => new(DiagnosisCategory.RateLimited, code, message),
            "51155" => new(DiagnosisCategory.RegionBlocked, code, message),
            "50001" or "50004" or "50013" or "50026" => new(DiagnosisCategory.ExchangeUnavailable, code, message),
            _ => response.IsSuccessStatus ? new(DiagnosisCategory.ExchangeUnavailable, code, message) : null,
        };
    }

    private static string? CallerIp(string? message) =>
        message is not null && IpPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"Your IP ([0-9A-Fa-f:.]+) is not", RegexOptions.CultureInvariant)]
    private static partial Regex IpPattern();
}
