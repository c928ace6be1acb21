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
            "EAPI:Invalid key" => new(DiagnosisCategory.InvalidKey, code, message, OtherPossibleCauses: [DiagnosisCategory.KeyExpired], Fix: Texts.Of("KrakenDoesNotKnowThis")),
            "EAPI:Invalid signature" => new(DiagnosisCategory.BadSignature, code, message, Fix: Texts.Of("KrakenCouldNotVerifyThe")),
            "EAPI:Invalid nonce" => new(DiagnosisCategory.NonceUsedElsewhere, code, message, Fix: Texts.Of("KrakenRefusesANonceThat")),
            "EGeneral:Permission denied" => new(DiagnosisCategory.MissingPermission, code, message, OtherPossibleCauses: [DiagnosisCategory.IpNotAllowed], Fix: Texts.Of("TheKeyLacksThePermission")),
            "EAPI:Rate limit exceeded" or "EAuth:Rate limit exceeded" or "EAuth:Too many requests" or "EGeneral:Too many requests" =>
                new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.RetryAfter ?? response.ReceivedAt + CounterDrains),
            "EService:Throttled" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: ThrottledUntil(text) ?? response.ReceivedAt + CounterDrains),
            "EGeneral:Temporary lockout" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: response.ReceivedAt + Lockout, Fix: Texts.Of("KrakenHasLockedThisKey")),
            "EAuth:Account temporary disabled" or "EAuth:Account unconfirmed" => new(DiagnosisCategory.InvalidKey, code, message, Fix: Texts.Of("KrakenHasDisabledThisAccount")),
            "EGeneral:Invalid arguments" => new(DiagnosisCategory.ExchangeUnavailable, code, message, Fix: Texts.Of("KrakenRefusedTheRequestsParameters")),

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
        Fix = Texts.Of("KrakenRefusedEvenTheCall"),
    };

    /// <summary>A refused right, confirmed by the key's own description.</summary>
    public static Diagnosis AsMissingRight(Diagnosis denied) => denied with { OtherPossibleCauses = [] };

    /// <summary>The Unix time in <c>EService:Throttled:1741500000</c>, after which calls may resume.</summary>
    private static DateTimeOffset? ThrottledUntil(string text) =>
        long.TryParse(text[(text.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
