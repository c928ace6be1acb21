using Microsoft.Extensions.Logging;

namespace Keyfolio.Exchanges.Http;

/// <summary>The transport's log lines. Paths never carry a query, and nothing here takes a credential or a signature.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Exchange} {Method} {Path} answered HTTP {Status} ({Outcome}) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, ExchangeId exchange, string method, string path, int status, string outcome, long elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "{Exchange} {Method} {Path} got no answer after {ElapsedMs} ms")]
    public static partial void NoAnswer(ILogger logger, ExchangeId exchange, string method, string path, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Retrying an exchange read (attempt {Attempt}) in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, int attempt, long delayMs);

    [LoggerMessage(4, LogLevel.Information, "{Exchange} clock offset measured: {OffsetMs} ms")]
    public static partial void ClockMeasured(ILogger logger, ExchangeId exchange, long offsetMs);

    [LoggerMessage(5, LogLevel.Debug, "{Exchange} {Path} waits {WaitMs} ms for rate-limit budget")]
    public static partial void BudgetWait(ILogger logger, ExchangeId exchange, string path, long waitMs);

    [LoggerMessage(6, LogLevel.Warning, "{Exchange} {Path} not sent: rate-limit budget spent until {Until:O}")]
    public static partial void BudgetRefused(ILogger logger, ExchangeId exchange, string path, DateTimeOffset until);

    [LoggerMessage(7, LogLevel.Warning, "{Exchange} {Path} rate limited by the exchange until {Until:O}")]
    public static partial void ServerRateLimited(ILogger logger, ExchangeId exchange, string path, DateTimeOffset until);
}
