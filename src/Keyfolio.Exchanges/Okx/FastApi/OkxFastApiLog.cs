using Microsoft.Extensions.Logging;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>Fast API's log lines. None takes a state, code, token, secret or passphrase; a key appears only masked.</summary>
internal static partial class OkxFastApiLog
{
    [LoggerMessage(101, LogLevel.Information, "OKX Fast API authorization started for client {ClientId}")]
    public static partial void Started(ILogger logger, string clientId);

    [LoggerMessage(102, LogLevel.Warning, "OKX Fast API callback refused: {Category} ({Code})")]
    public static partial void CallbackRefused(ILogger logger, DiagnosisCategory category, string code);

    [LoggerMessage(103, LogLevel.Information, "OKX Fast API {Step} gave tokens; the access token expires at {ExpiresAt:O}")]
    public static partial void TokensIssued(ILogger logger, OkxFastApiStep step, DateTimeOffset? expiresAt);

    [LoggerMessage(104, LogLevel.Information, "OKX Fast API created key {MaskedApiKey} with permission {Permission}")]
    public static partial void KeyCreated(ILogger logger, string maskedApiKey, string permission);

    [LoggerMessage(105, LogLevel.Warning, "OKX Fast API {Step} refused: {Category} (code {Code})")]
    public static partial void Refused(ILogger logger, OkxFastApiStep step, DiagnosisCategory category, string? code);
}
