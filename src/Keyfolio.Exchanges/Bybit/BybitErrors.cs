using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>
/// Bybit's <c>{"retCode":…,"retMsg":"…"}</c> refusals, which come with HTTP 200, and its HTTP-level refusals: 401 for a
/// key of another environment or missing headers, 403 (an HTML page, no retCode) for a blocked location or an IP over
/// the limit (Bybit V5, "Error Codes": https://bybit-exchange.github.io/docs/v5/error; docs/exchange-errors.md, Bybit).
/// Matched by retCode, never by retMsg, whose wording changes.
/// </summary>
internal static class BybitErrors
{
    /// <summary>10001 "Request parameter error": also a classic account asked for its unified wallet.</summary>
    public const string ParameterError = "10001";

    /// <summary>100028 "The API cannot be accessed by unified account users."</summary>
    public const string NotForUnifiedAccounts = "100028";

    private static readonly TimeSpan IpBan = TimeSpan.FromMinutes(10);

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("retCode", out var retCode))
        {
            return HttpRefusal(response);
        }

        var code = JsonValues.Long(retCode);
        if (code is null or 0)
        {
            return null;
        }

        var text = code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = JsonValues.String(root, "retMsg");
        return code.Value switch
        {
            10003 => new(DiagnosisCategory.InvalidKey, text, message, OtherPossibleCauses: [DiagnosisCategory.WrongEnvironment, DiagnosisCategory.KeyExpired], Explanation: Texts.Of("BybitDoesNotKnowThis"), Fix: Texts.Of("CheckThatTheSiteAnd")),
            10007 => new(DiagnosisCategory.InvalidKey, text, message),
            10008 => new(DiagnosisCategory.InvalidKey, text, message, Fix: Texts.Of("BybitHasRestrictedThisAccount")),
            10004 => new(DiagnosisCategory.BadSignature, text, message),
            10002 => new(DiagnosisCategory.ClockSkew, text, message),
            10010 => new(DiagnosisCategory.IpNotAllowed, text, message, Fix: Texts.Of("AddThisHostsPublicIP")),
            10005 => new(DiagnosisCategory.MissingPermission, text, message, Fix: Texts.Of("EditTheKeyOnBybits")),
            10006 or 10018 => new(DiagnosisCategory.RateLimited, text, message, RetryAt: response.UnixTimeHeader("X-Bapi-Limit-Reset-Timestamp")),
            33004 or -2015 => new(DiagnosisCategory.KeyExpired, text, message, Fix: Texts.Of("CreateANewReadOnly")),
            10009 or 10024 => new(DiagnosisCategory.RegionBlocked, text, message),
            81007 => new(DiagnosisCategory.WrongEnvironment, text, message, Explanation: Texts.Of("BybitEUAcceptsOnlyKeys")),
            10028 or 100028 => new(DiagnosisCategory.ExchangeUnavailable, text, message, Explanation: Texts.Of("ThisBybitEndpointDoesNot")),
            _ => new(DiagnosisCategory.ExchangeUnavailable, text, message),
        };
    }

    /// <summary>A refusal without Bybit's JSON: 401 is a key of another environment or missing headers; 403 a blocked
    /// location (US, Mainland China) or an IP over its limit, which lasts at least 10 minutes.</summary>
    private static ExchangeError? HttpRefusal(ExchangeResponse response) => response.StatusCode switch
    {
        401 => new(DiagnosisCategory.InvalidKey, OtherPossibleCauses: [DiagnosisCategory.WrongEnvironment], Explanation: Texts.Of("BybitRefusedTheKeyOn")),
        403 when response.Body.Contains("too frequent", StringComparison.OrdinalIgnoreCase) =>
            new(DiagnosisCategory.RateLimited, RetryAt: response.ReceivedAt + IpBan),
        403 => new(DiagnosisCategory.RegionBlocked, OtherPossibleCauses: [DiagnosisCategory.RateLimited], Explanation: Texts.Of("BybitRefusedThisHostBefore")),
        >= 500 => new(DiagnosisCategory.ExchangeUnavailable),
        _ => null,
    };
}
