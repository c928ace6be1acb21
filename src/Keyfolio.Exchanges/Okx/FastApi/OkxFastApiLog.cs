using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>Fast API's log lines. None takes a state, code, token, secret or passphrase; a key appears only masked.</summary>
internal static partial class OkxFastApiLog
{
    [LoggerMessage(KeyfolioEventIds.OAuthAuthorizationStarted, LogLevel.Information, "OKX Fast API authorization started for client {ClientId}")]
    public static partial void Started(ILogger logger, string clientId);

    [LoggerMessage(KeyfolioEventIds.OAuthCallbackRefused, LogLevel.Warning, "OKX Fast API callback refused: {Category} ({Code})")]
    public static partial void CallbackRefused(ILogger logger, DiagnosisCategory category, string code);

    [LoggerMessage(KeyfolioEventIds.OAuthTokensReceived, LogLevel.Information, "OKX Fast API {Step} gave tokens; the access token expires at {ExpiresAt:O}")]
    public static partial void TokensIssued(ILogger logger, OkxFastApiStep step, DateTimeOffset? expiresAt);

    [LoggerMessage(KeyfolioEventIds.OAuthKeyCreated, LogLevel.Information, "OKX Fast API created key {MaskedApiKey} with permission {Permission}")]
    public static partial void KeyCreated(ILogger logger, string maskedApiKey, string permission);

    [LoggerMessage(KeyfolioEventIds.OAuthStepRefused, LogLevel.Warning, "OKX Fast API {Step} refused: {Category} (code {Code})")]
    public static partial void Refused(ILogger logger, OkxFastApiStep step, DiagnosisCategory category, string? code);
}
