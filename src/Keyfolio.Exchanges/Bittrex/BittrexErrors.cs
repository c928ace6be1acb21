using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bittrex;

/// <summary>Bittrex's <c>{"code":"…","detail":"…"}</c> refusals (docs/exchange-errors.md, Bittrex).</summary>
internal static class BittrexErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        if (response.IsSuccessStatus)
        {
            return null;
        }

        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || JsonValues.String(root, "code") is not { } code)
        {
            return null;
        }

        var detail = JsonValues.String(root, "detail");
        return code switch
        {
            "APIKEY_INVALID" or "ACCOUNT_DISABLED" => new(DiagnosisCategory.InvalidKey, code, detail),
            "INVALID_SIGNATURE" => new(DiagnosisCategory.BadSignature, code, detail),
            "INVALID_TIMESTAMP" => new(DiagnosisCategory.ClockSkew, code, detail),
            "FORBIDDEN" when detail?.Contains("IP", StringComparison.Ordinal) == true => new(DiagnosisCategory.IpNotAllowed, code, detail),
            "FORBIDDEN" => new(DiagnosisCategory.MissingPermission, code, detail),
            "THROTTLED" => new(DiagnosisCategory.RateLimited, code, detail),
            _ when response.StatusCode == 451 => new(DiagnosisCategory.RegionBlocked, code, detail),
            _ when response.StatusCode >= 500 => new(DiagnosisCategory.ExchangeUnavailable, code, detail),
            _ => null,
        };
    }
}
