using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Htx;

/// <summary>
/// HTX refusals: v1 <c>{"status":"error","err-code","err-msg"}</c>, where one code covers every authentication
/// failure and the message tells them apart; v2 <c>{"code","message"}</c>; contract style <c>err_code/err_msg</c>.
/// </summary>
internal static partial class HtxErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        if (JsonValues.String(root, "status") == "error" || root.TryGetProperty("err_code", out _))
        {
            var code = JsonValues.String(root, "err-code") ?? JsonValues.String(root, "err_code");
            var message = JsonValues.String(root, "err-msg") ?? JsonValues.String(root, "err_msg");
            return V1(code, message, response);
        }

        if (JsonValues.Long(root, "code") is { } v2Code && v2Code != 200)
        {
            var code = v2Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var message = JsonValues.String(root, "message");
            return v2Code switch
            {
                1002 => new(DiagnosisCategory.InvalidKey, code, message, OtherPossibleCauses: [DiagnosisCategory.KeyExpired, DiagnosisCategory.IpNotAllowed, DiagnosisCategory.MissingPermission]),
                1003 => new(DiagnosisCategory.BadSignature, code, message, OtherPossibleCauses: [DiagnosisCategory.ClockSkew]),
                429 => new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.UnixTimeHeader("X-HB-RateLimit-Requests-Expire")),
                _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
            };
        }

        return null;
    }

    private static ExchangeError V1(string? code, string? message, ExchangeResponse response)
    {
        var text = message ?? string.Empty;
        if (code is "base-request-exceed-frequency-limit" or "rate-too-many-requests" || response.StatusCode == 429)
        {
            return new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.UnixTimeHeader("X-HB-RateLimit-Requests-Expire"));
        }

        if (code == "forbidden-region" || response.StatusCode == 451)
        {
            return new(DiagnosisCategory.RegionBlocked, code, message);
        }

        if (code == "system-maintenance" || response.StatusCode >= 500)
        {
            return new(DiagnosisCategory.ExchangeUnavailable, code, message);
        }

        if (Has(text, "Incorrect Access key", "Access key错误"))
        {
            return new(DiagnosisCategory.InvalidKey, code, message);
        }

        if (Has(text, "Verification failure", "校验失败"))
        {
            return new(DiagnosisCategory.BadSignature, code, message);
        }

        if (Has(text, "has expired", "已过期"))
        {
            return new(DiagnosisCategory.KeyExpired, code, message, Fix: Texts.Of("HTXExpiresAKeyWithout"));
        }

        if (Has(text, "IP address", "IP地址"))
        {
            return new(DiagnosisCategory.IpNotAllowed, code, message, CallerIp: CallerIp(text));
        }

        if (Has(text, "Invalid submission time", "无效的提交时间"))
        {
            return new(DiagnosisCategory.ClockSkew, code, message);
        }

        if (Has(text, "no permission", "没有权限"))
        {
            return new(DiagnosisCategory.MissingPermission, code, message);
        }

        return code == "api-signature-not-valid"
            ? new(DiagnosisCategory.BadSignature, code, message, OtherPossibleCauses: [DiagnosisCategory.InvalidKey])
            : new(DiagnosisCategory.ExchangeUnavailable, code, message);
    }

    private static bool Has(string text, string english, string chinese) =>
        text.Contains(english, StringComparison.OrdinalIgnoreCase) || text.Contains(chinese, StringComparison.Ordinal);

    private static string? CallerIp(string message) =>
        IpPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"\]\s*:\s*([0-9A-Fa-f:.]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IpPattern();
}
