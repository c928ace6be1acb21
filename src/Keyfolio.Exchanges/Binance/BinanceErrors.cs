using System.Globalization;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

/// <summary>Binance's <c>{"code":-NNNN,"msg":"…"}</c> refusals (docs/exchange-errors.md, Binance).</summary>
internal static partial class BinanceErrors
{
    public const string RejectedKey = "-2015";

    /// <summary>
    /// Refusals that say the wallet was never opened, not that the key is wrong: <c>-3003</c> "Margin account does not
    /// exist." and <c>-11001</c> "Isolated margin account does not exist.". The current docs answer <c>created: false</c>
    /// or an empty <c>assets</c> instead ("Query Cross Margin Account Details",
    /// https://developers.binance.com/docs/margin_trading/account/Query-Cross-Margin-Account-Details); the two codes are
    /// quoted by client libraries and Binance's own support tips but not on a docs page we could read, so both forms are
    /// accepted.
    /// </summary>
    public static bool IsNotOpened(string code) => code is "-3003" or "-11001";

    public static ExchangeError? Classify(ExchangeResponse response)
    {
        // Refusals come only with an error status; a successful body is not parsed twice.
        if (response.IsSuccessStatus)
        {
            return null;
        }

        using var document = JsonValues.TryParse(response.Body);
        var root = document?.RootElement;
        var code = root is { ValueKind: System.Text.Json.JsonValueKind.Object } element ? JsonValues.String(element, "code") : null;
        var message = root is { ValueKind: System.Text.Json.JsonValueKind.Object } withMessage ? JsonValues.String(withMessage, "msg") : null;
        return (response.StatusCode, code) switch
        {
            (451, _) => new(DiagnosisCategory.RegionBlocked, code, message),
            (429 or 418, _) or (_, "-1003") => new(DiagnosisCategory.RateLimited, code, message, RetryAt: BannedUntil(message)),
            (_, "-2014" or "-2008") => new(DiagnosisCategory.InvalidKey, code, message),
            (_, RejectedKey) => new(
                DiagnosisCategory.InvalidKey,
                code,
                message,
                Explanation: Texts.Of("BinanceRefusedTheKeyWith"),
                Fix: Texts.Of("CheckOnBinancesAPIManagement"),
                OtherPossibleCauses: [DiagnosisCategory.IpNotAllowed, DiagnosisCategory.MissingPermission, DiagnosisCategory.WrongEnvironment]),
            (_, "-1022") => new(DiagnosisCategory.BadSignature, code, message),
            (_, "-1021") => new(DiagnosisCategory.ClockSkew, code, message),
            (_, "-1002") => new(DiagnosisCategory.MissingPermission, code, message),
            (_, "-1016" or "-1001") => new(DiagnosisCategory.ExchangeUnavailable, code, message),

            // Kept with its code so the connector reads it as a wallet never opened (IsNotOpened), never as a key problem.
            ({ } _, { } notOpened) when IsNotOpened(notOpened) => new(DiagnosisCategory.ExchangeUnavailable, code, message),
            _ => null,
        };
    }

    /// <summary>A 418's message names the end of the IP ban: "IP banned until 1700000000000".</summary>
    private static DateTimeOffset? BannedUntil(string? message) =>
        message is not null && BannedUntilPattern().Match(message) is { Success: true } match
            && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    [GeneratedRegex(@"banned until (\d{12,14})", RegexOptions.CultureInvariant)]
    private static partial Regex BannedUntilPattern();
}
