using Keyfolio.Exchanges;
using Keyfolio.Exchanges.Logging;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Connections;

/// <summary>
/// The core's decisions about connections, for the operator's log: a key kept or refused and why, a key replaced, a
/// connection removed, a sync refused by the exchange and a connection working again. Each names the connection by its id
/// and the exchange, never by a key, a secret or the person's label; a refusal carries the diagnosis's category and the
/// exchange's code, not its message.
/// </summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(KeyfolioEventIds.ConnectionAdded, LogLevel.Information, "Connection {ConnectionId} to {Exchange} was added: {Outcome}")]
    public static partial void Added(ILogger logger, string connectionId, ExchangeId exchange, string outcome);

    [LoggerMessage(KeyfolioEventIds.KeyNotSaved, LogLevel.Information, "A key for {Exchange} ({Purpose}) was not saved: the exchange refused it as {Category} (code {ExchangeCode})")]
    public static partial void NotSaved(ILogger logger, ExchangeId exchange, string purpose, DiagnosisCategory category, string exchangeCode);

    [LoggerMessage(KeyfolioEventIds.WithdrawKeyRefused, LogLevel.Warning, "A key for {Exchange} ({Purpose}) was refused: it can withdraw, and keeping it was not confirmed")]
    public static partial void WithdrawKeyRefused(ILogger logger, ExchangeId exchange, string purpose);

    [LoggerMessage(KeyfolioEventIds.KeyReplaced, LogLevel.Information, "The key of connection {ConnectionId} to {Exchange} was replaced ({Which})")]
    public static partial void KeyReplaced(ILogger logger, string connectionId, ExchangeId exchange, string which);

    [LoggerMessage(KeyfolioEventIds.ConnectionRemoved, LogLevel.Information, "Connection {ConnectionId} to {Exchange} was removed, its history {History}")]
    public static partial void Removed(ILogger logger, string connectionId, ExchangeId exchange, string history);

    [LoggerMessage(KeyfolioEventIds.ConnectionRefusedBySync, LogLevel.Warning, "A sync of connection {ConnectionId} to {Exchange} was refused as {Category} (code {ExchangeCode}, HTTP {HttpStatus}); logged again when the refusal changes")]
    public static partial void RefusedBySync(ILogger logger, string connectionId, ExchangeId exchange, DiagnosisCategory category, string exchangeCode, string httpStatus);

    [LoggerMessage(KeyfolioEventIds.ConnectionRecovered, LogLevel.Information, "Connection {ConnectionId} to {Exchange} synced again after being refused as {PreviousCategory}")]
    public static partial void Recovered(ILogger logger, string connectionId, ExchangeId exchange, DiagnosisCategory previousCategory);

    /// <summary>The exchange's code of a refusal, or <c>none</c>.</summary>
    public static string CodeOf(Diagnosis diagnosis) => diagnosis.ExchangeCode ?? "none";
}
