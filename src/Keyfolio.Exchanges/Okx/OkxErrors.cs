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
            "50100" => new(DiagnosisCategory.InvalidKey, code, message, Fix: Texts.Of("OKXHasFrozenThisAPI")),
            "50119" => new(DiagnosisCategory.WrongEnvironment, code, message, Explanation: Texts.Of("TheKeyDoesNotExist")),
            "50101" => new(DiagnosisCategory.WrongEnvironment, code, message, Explanation: Texts.Of("TheKeyBelongsToThe")),
            "50105" or "50104" => new(DiagnosisCategory.WrongPassphrase, code, message, Fix: Texts.Of("EnterThePassphraseYouChose")),
            "50113" or "50106" => new(DiagnosisCategory.BadSignature, code, message),
            "50102" or "50107" or "50112" => new(DiagnosisCategory.ClockSkew, code, message),
            "50110" => new(DiagnosisCategory.IpNotAllowed, code, message, CallerIp: CallerIp(message)),
            "50035" => new(DiagnosisCategory.IpNotAllowed, code, message, Fix: Texts.Of("OKXRequiresThisKeyTo")),
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
