using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Diagnostics;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// OKX's Fast API refusals, in OKX's <c>{"code","msg"}</c> form or OAuth's <c>{"error","error_description"}</c>
/// (RFC 6749 §5.2, the callback's §4.1.2.1), as diagnoses with fixes. OKX documents <c>53016</c>, <c>53014</c>,
/// <c>53017</c>, <c>50116</c> and <c>50118</c>; for the rest of its 53000–53017 range the numbering follows Keyfolio's
/// simulator, and any other 53xxx code is read by its HTTP status.
/// </summary>
internal static partial class OkxFastApiErrors
{
    private static readonly LocalizedText ClientExplanation = Texts.Of("OKXDoesNotAcceptThe");

    private static readonly LocalizedText ClientFix = Texts.Of("CheckClientIdAndTheClient");

    private static readonly LocalizedText RedirectExplanation = Texts.Of("OKXRefusedTheRedirectURI");

    private static readonly LocalizedText RedirectFix = Texts.Of("SetRedirectUriToTheCallback");

    private static readonly LocalizedText CodeExplanation = Texts.Of("OKXRefusedTheAuthorizationCode");

    private static readonly LocalizedText RefreshExplanation = Texts.Of("OKXRefusedTheRefreshToken");

    private static readonly LocalizedText AccessExplanation = Texts.Of("OKXRefusedTheAccessToken");

    private static readonly LocalizedText StartAgainFix = Texts.Of("StartFastConnectAgainFrom2");

    public static ExchangeError? Classify(ExchangeResponse response, OkxFastApiStep step)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
        {
            var code = JsonValues.String(root, "code");
            if (code is not null && code != "0")
            {
                return ForOkxCode(code, JsonValues.String(root, "msg"), response, step);
            }

            if (JsonValues.String(root, "error") is { Length: > 0 } error)
            {
                return ForOAuthError(error, JsonValues.String(root, "error_description"), step);
            }
        }

        return ByStatus(response.StatusCode, step, null, null);
    }

    /// <summary>The callback's <c>error</c> parameter, or an OAuth error body.</summary>
    public static ExchangeError ForOAuthError(string error, string? description, OkxFastApiStep? step) => error switch
    {
        "access_denied" => new(DiagnosisCategory.AuthorizationDenied, error, description, Explanation: Texts.Of("TheOKXAccountOwnerDeclined"), Fix: Texts.Of("StartFastConnectAgainAnd")),
        "invalid_client" or "unauthorized_client" => new(DiagnosisCategory.OAuthClientRejected, error, description, Explanation: ClientExplanation, Fix: ClientFix),
        "redirect_uri_mismatch" => new(DiagnosisCategory.OAuthClientRejected, error, description, Explanation: RedirectExplanation, Fix: RedirectFix),
        "invalid_scope" => FastApiNotEnabled(error, description),
        "invalid_grant" or "invalid_token" => TokenRefused(step ?? OkxFastApiStep.ExchangeCode, error, description),
        "server_error" or "temporarily_unavailable" => new(DiagnosisCategory.ExchangeUnavailable, error, description),
        _ => new(DiagnosisCategory.OAuthClientRejected, error, description),
    };

    private static ExchangeError ForOkxCode(string code, string? message, ExchangeResponse response, OkxFastApiStep step) => code switch
    {
        "53001" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: ClientExplanation, Fix: ClientFix),
        "53016" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: RedirectExplanation, Fix: RedirectFix),
        "53003" or "53004" or "53005" => TokenRefused(step, code, message),
        "53017" => FastApiNotEnabled(code, message),
        "53014" or "50118" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: Texts.Of("OKXRefusesFastAPIRequests"), Fix: Texts.Of("GiveOKXThisServersPublic")),
        "50116" => new(DiagnosisCategory.KeyLimitReached, code, message, Explanation: Texts.Of("OKXAllowsOneFastAPI"), Fix: Texts.Of("OnOKXOpenAPIManagement", OkxDescriptor.Instance.ApiManagementPage)),
        "51000" or "50014" => ParameterRefused(code, message),
        _ when code.StartsWith("53", StringComparison.Ordinal) =>
            ByStatus(response.StatusCode, step, code, message) ?? new(DiagnosisCategory.OAuthClientRejected, code, message),
        _ => OkxErrors.Classify(response) ?? ByStatus(response.StatusCode, step, code, message) ?? new(DiagnosisCategory.ExchangeUnavailable, code, message),
    };

    /// <summary>What an OAuth endpoint's status means when its body names nothing more precise.</summary>
    private static ExchangeError? ByStatus(int status, OkxFastApiStep step, string? code, string? message) => status switch
    {
        404 when step == OkxFastApiStep.CreateKey => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: Texts.Of("OKXHasNoFastAPI"), Fix: Texts.Of("SetApiBaseUrlToTheOKX")),
        404 => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: Texts.Of("OKXHasNoTokenEndpoint"), Fix: Texts.Of("SetTokenPathToAsOKX", OkxFastApiOptions.DefaultTokenPath)),
        401 => TokenRefused(step, code, message),
        400 or 403 => new(DiagnosisCategory.OAuthClientRejected, code, message),
        _ => null,
    };

    private static ExchangeError TokenRefused(OkxFastApiStep step, string? code, string? message) => step switch
    {
        OkxFastApiStep.ExchangeCode => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: CodeExplanation, Fix: StartAgainFix),
        OkxFastApiStep.Refresh => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: RefreshExplanation, Fix: StartAgainFix),
        _ => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: AccessExplanation, Fix: StartAgainFix),
    };

    private static ExchangeError FastApiNotEnabled(string code, string? message) => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: Texts.Of("TheOAuthClientMayNot"), Fix: Texts.Of("AskOKXToEnableThe"));

    /// <summary>OKX's <c>51000 Parameter {name} error</c> and <c>50014 Parameter {name} can not be empty</c>.</summary>
    private static ExchangeError ParameterRefused(string code, string? message)
    {
        var field = message is not null && ParameterPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
        return field switch
        {
            "passphrase" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: Texts.Of("OKXRefusedThePassphraseFor"), Fix: Texts.Of("StartFastConnectAgainKeyfolio")),
            "label" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: Texts.Of("OKXRefusedTheNameFor"), Fix: Texts.Of("SetKeyLabelInTheFast")),
            "ip" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: Texts.Of("OKXRefusedTheIPAddresses"), Fix: Texts.Of("GiveAtMost20IPv4")),
            _ => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: Texts.Of("OKXRefusedAParameterOf"), Fix: Texts.Of("CreateAReadOnlyKey")),
        };
    }

    [GeneratedRegex(@"^Parameter (\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    /// <summary>A diagnosis for a refusal found without an answer from OKX (the callback, a local check).</summary>
    public static Diagnosis ToDiagnosis(ExchangeError error) => new()
    {
        Category = error.Category,
        Exchange = ExchangeId.Okx,
        ExchangeCode = error.Code,
        ExchangeMessage = error.Message,
        Field = error.Field,
        Explanation = error.Explanation ?? DiagnosisTexts.Explanation(error.Category),
        Fix = error.Fix ?? DiagnosisTexts.Fix(error.Category),
    };

    public static Diagnosis Unreadable(int status) => new()
    {
        Category = DiagnosisCategory.ExchangeUnavailable,
        Exchange = ExchangeId.Okx,
        HttpStatus = status,
        ExchangeMessage = "The exchange's answer could not be read.",
        Explanation = DiagnosisTexts.Explanation(DiagnosisCategory.ExchangeUnavailable),
        Fix = DiagnosisTexts.Fix(DiagnosisCategory.ExchangeUnavailable),
    };
}
