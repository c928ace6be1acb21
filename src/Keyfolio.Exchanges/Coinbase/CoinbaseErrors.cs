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
                Explanation: Texts.Of("CoinbaseRefusedTheKeyWith"),
                Fix: Texts.Of("InTheCDPPortalAPI"));
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
                new(DiagnosisCategory.MissingPermission, code ?? "PERMISSION_DENIED", message, Explanation: Texts.Of("CoinbaseRefusedToShowAnother"), Fix: Texts.Of("CreateOneKeyPerPortfolio")),
            (403, _) or (_, "PERMISSION_DENIED") => new(DiagnosisCategory.MissingPermission, code ?? "PERMISSION_DENIED", message, Fix: Texts.Of("CoinbaseSaysTheKeyLacks")),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }
}
