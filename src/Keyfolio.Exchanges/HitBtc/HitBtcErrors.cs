using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.HitBtc;

/// <summary>HitBTC's <c>{"error":{"code","message","description"}}</c> refusals; code <c>1002</c> covers every
/// authentication failure and the description tells them apart (docs/exchange-errors.md, HitBTC).</summary>
internal static partial class HitBtcErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        // Refusals come only with an error status; a successful body is not parsed twice.
        if (response.IsSuccessStatus)
        {
            return null;
        }

        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = JsonValues.String(error, "code");
        var message = JsonValues.String(error, "message");
        var description = JsonValues.String(error, "description") ?? string.Empty;
        var shown = string.IsNullOrEmpty(description) ? message : $"{message}: {description}";
        return code switch
        {
            "1002" when Has(description, "signature") => new(DiagnosisCategory.BadSignature, code, shown),
            "1002" when Has(description, "timestamp") || Has(description, "window") => new(DiagnosisCategory.ClockSkew, code, shown),
            "1002" when Has(description, "IP address") => new(DiagnosisCategory.IpNotAllowed, code, shown, CallerIp: CallerIp(description)),
            "1002" when Has(description, "API key") => new(DiagnosisCategory.InvalidKey, code, shown),
            "1002" or "1004" or "1005" => new(DiagnosisCategory.InvalidKey, code, shown, OtherPossibleCauses: [DiagnosisCategory.BadSignature, DiagnosisCategory.ClockSkew, DiagnosisCategory.IpNotAllowed]),
            "1003" or "600" => new(DiagnosisCategory.MissingPermission, code, shown),
            "429" => new(DiagnosisCategory.RateLimited, code, shown),
            _ => response.StatusCode >= 500 || response.IsSuccessStatus ? new(DiagnosisCategory.ExchangeUnavailable, code, shown) : null,
        };
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static string? CallerIp(string description) =>
        IpPattern().Match(description) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"IP address ([0-9A-Fa-f:.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex IpPattern();
}
