using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kucoin;

/// <summary>
/// KuCoin's <c>{"code":"…","msg":"…"}</c> refusals, matched on the code since the wording changed between gateway versions
/// (KuCoin API, "Error Code": https://www.kucoin.com/docs-new/error-code; docs/exchange-errors.md, KuCoin).
/// </summary>
internal static partial class KucoinErrors
{
    /// <summary>The codes KuCoin answers success with: <c>200000</c>, and <c>200</c> on some margin endpoints.</summary>
    public static bool IsSuccessCode(string? code) => code is "200000" or "200";

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        var root = document?.RootElement;
        var code = root is { ValueKind: JsonValueKind.Object } element ? JsonValues.String(element, "code") : null;
        var message = root is { ValueKind: JsonValueKind.Object } withMessage ? JsonValues.String(withMessage, "msg") : null;
        if (code is null || IsSuccessCode(code))
        {
            return null;
        }

        return code switch
        {
            "400001" => new(DiagnosisCategory.InvalidKey, code, message, Explanation: Texts.Of("KuCoinDidNotFindThe")),
            "400002" => new(DiagnosisCategory.ClockSkew, code, message),
            "400003" => new(DiagnosisCategory.InvalidKey, code, message, Explanation: Texts.Of("KuCoinDoesNotKnowThis")),
            // The passphrase header is an HMAC keyed with the secret, and KuCoin checks it before the signature (a
            // request with both wrong is answered 400004: https://github.com/ccxt/ccxt/issues/9369), so a wrong secret
            // shows as a wrong passphrase too.
            "400004" => new(DiagnosisCategory.WrongPassphrase, code, message, OtherPossibleCauses: [DiagnosisCategory.BadSignature], Explanation: Texts.Of("KuCoinRefusedThePassphraseIt"), Fix: Texts.Of("EnterTheAPIPassphraseYou")),
            "400005" => new(DiagnosisCategory.BadSignature, code, message),
            "400006" => new(DiagnosisCategory.IpNotAllowed, code, message, CallerIp: CallerIp(message)),
            "400007" or "400010" or "411200" => new(DiagnosisCategory.MissingPermission, code, message),
            "400008" => new(DiagnosisCategory.InvalidKey, code, message, Fix: Texts.Of("KuCoinNoLongerAcceptsThis")),
            "400009" => new(DiagnosisCategory.InvalidKey, code, message),
            "400301" or "400302" => new(DiagnosisCategory.RegionBlocked, code, message),
            "400303" or "400304" => new(DiagnosisCategory.MissingPermission, code, message, Fix: Texts.Of("KuCoinAsksForIdentityVerification")),
            "411100" => new(DiagnosisCategory.InvalidKey, code, message, Fix: Texts.Of("KuCoinHasFrozenThisAccount")),
            "429000" or "429001" or "429002" => new(DiagnosisCategory.RateLimited, code, message, RetryAt: ResetAt(response)),
            _ when response.StatusCode == 451 => new(DiagnosisCategory.RegionBlocked, code, message),
            _ => new(DiagnosisCategory.ExchangeUnavailable, code, message),
        };
    }

    /// <summary><c>gw-ratelimit-reset</c> counts the milliseconds until the pool's window restarts (KuCoin API, "Rate Limit").</summary>
    private static DateTimeOffset? ResetAt(ExchangeResponse response) =>
        long.TryParse(response.Header("gw-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? response.ReceivedAt + TimeSpan.FromMilliseconds(ms)
            : null;

    private static string? CallerIp(string? message) =>
        message is not null && IpPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"client\s?ip is:\s*([0-9A-Fa-f:.]+[0-9A-Fa-f])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IpPattern();
}
