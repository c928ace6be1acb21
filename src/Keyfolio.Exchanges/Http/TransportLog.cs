using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Exchanges.Http;

/// <summary>The transport's log lines. Paths never carry a query, and nothing here takes a credential or a signature.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(KeyfolioEventIds.ExchangeAnswered, LogLevel.Debug, "{Exchange} {Method} {Path} answered HTTP {Status} ({Outcome}) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, ExchangeId exchange, string method, string path, int status, string outcome, long elapsedMs);

    [LoggerMessage(KeyfolioEventIds.ExchangeNoAnswer, LogLevel.Warning, "{Exchange} {Method} {Path} got no answer after {ElapsedMs} ms")]
    public static partial void NoAnswer(ILogger logger, ExchangeId exchange, string method, string path, long elapsedMs);

    [LoggerMessage(KeyfolioEventIds.ExchangeReadRetried, LogLevel.Information, "Retrying an exchange read (attempt {Attempt}) in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, int attempt, long delayMs);

    [LoggerMessage(KeyfolioEventIds.ExchangeClockOffset, LogLevel.Information, "{Exchange} clock offset measured: {OffsetMs} ms")]
    public static partial void ClockMeasured(ILogger logger, ExchangeId exchange, long offsetMs);

    [LoggerMessage(KeyfolioEventIds.RateLimitWait, LogLevel.Debug, "{Exchange} {Path} waits {WaitMs} ms for rate-limit budget")]
    public static partial void BudgetWait(ILogger logger, ExchangeId exchange, string path, long waitMs);

    [LoggerMessage(KeyfolioEventIds.RateLimitBudgetSpent, LogLevel.Warning, "{Exchange} {Path} not sent: rate-limit budget spent until {Until:O}")]
    public static partial void BudgetRefused(ILogger logger, ExchangeId exchange, string path, DateTimeOffset until);

    [LoggerMessage(KeyfolioEventIds.RateLimitedByExchange, LogLevel.Warning, "{Exchange} {Path} rate limited by the exchange until {Until:O}")]
    public static partial void ServerRateLimited(ILogger logger, ExchangeId exchange, string path, DateTimeOffset until);
}
