using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Gate;

/// <summary>Gate's <c>{"label":"…","message":"…"}</c> refusals (docs/exchange-errors.md, Gate).</summary>
internal static class GateErrors
{
    /// <summary>The label of a futures, delivery or options account never opened (funds never transferred to it).</summary>
    public const string NotOpened = "USER_NOT_FOUND";

    /// <summary>"Sub account not found" (docs "Error Handling", wallet labels): a <c>sub_uid</c> that is not a sub-account of the key's account.</summary>
    public const string SubAccountNotFound = "SUB_ACCOUNT_NOT_FOUND";

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        // Refusals come only with an error status; a successful body is not parsed twice.
        if (response.IsSuccessStatus)
        {
            return null;
        }

        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || JsonValues.String(root, "label") is not { } label)
        {
            return null;
        }

        // The futures "not opened" answer carries its text in "detail" (ccxt/ccxt#13249), the documented envelope in "message".
        var message = JsonValues.String(root, "message") ?? JsonValues.String(root, "detail");
        return label switch
        {
            "INVALID_KEY" or "MISSING_REQUIRED_HEADER" or "INVALID_CREDENTIALS" => new(DiagnosisCategory.InvalidKey, label, message),
            "ACCOUNT_LOCKED" => new(DiagnosisCategory.InvalidKey, label, message, Fix: Texts.Of("GateHasLockedThisAccount")),
            "INVALID_SIGNATURE" => new(DiagnosisCategory.BadSignature, label, message),
            "REQUEST_EXPIRED" => new(DiagnosisCategory.ClockSkew, label, message),
            "IP_FORBIDDEN" => new(DiagnosisCategory.IpNotAllowed, label, message, Fix: Texts.Of("AddThisHostsPublicIP")),
            "FORBIDDEN" or "READ_ONLY" => new(DiagnosisCategory.MissingPermission, label, message),
            SubAccountNotFound => new(DiagnosisCategory.MissingPermission, label, message, Fix: Texts.Of("CheckSubAccountsDeletedOrOther")),
            // "User has no futures account" (docs "Error Handling" label list); a wallet never opened, which the connector
            // reports as not opened, never as a failure.
            NotOpened => new(DiagnosisCategory.ExchangeUnavailable, label, message),
            "TOO_MANY_REQUESTS" => new(DiagnosisCategory.RateLimited, label, message, RetryAt: response.UnixTimeHeader("X-Gate-RateLimit-Reset-Timestamp")),
            _ when response.StatusCode == 451 => new(DiagnosisCategory.RegionBlocked, label, message),
            _ when response.StatusCode >= 500 => new(DiagnosisCategory.ExchangeUnavailable, label, message),
            _ => null,
        };
    }
}
