using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bitfinex;

/// <summary>Bitfinex's <c>["error", code, "message"]</c> refusals, usually with HTTP 500 (docs/exchange-errors.md, Bitfinex).</summary>
internal static class BitfinexErrors
{
    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Array } root || root.GetArrayLength() < 2
            || root[0].ValueKind != JsonValueKind.String || root[0].GetString() != "error")
        {
            return response.StatusCode == 429 ? new(DiagnosisCategory.RateLimited, RetryAt: response.RetryAfter ?? response.ReceivedAt.AddMinutes(1)) : null;
        }

        var code = JsonValues.Long(root[1])?.ToString(CultureInfo.InvariantCulture);
        var message = root.GetArrayLength() > 2 && root[2].ValueKind == JsonValueKind.String ? root[2].GetString() : null;
        var text = message ?? string.Empty;
        return code switch
        {
            "10100" when text.Contains("digest", StringComparison.OrdinalIgnoreCase) => new(DiagnosisCategory.BadSignature, code, message),
            "10100" when text.Contains("ip", StringComparison.OrdinalIgnoreCase) => new(DiagnosisCategory.IpNotAllowed, code, message),
            "10100" => new(DiagnosisCategory.InvalidKey, code, message),
            "10114" => new(DiagnosisCategory.NonceUsedElsewhere, code, message),
            "10001" => new(DiagnosisCategory.MissingPermission, code, message),
            "11010" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.RetryAfter ?? response.ReceivedAt.AddMinutes(1)),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }
}
