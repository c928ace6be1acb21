namespace Keyfolio.Exchanges;

/// <summary>
/// Told about every signed request, for an audit log. <see cref="OnCallStartingAsync"/> runs before the request is
/// sent and may refuse it by throwing: the request is then not made and the exception reaches the caller.
/// Neither method is ever given credentials.
/// </summary>
public interface IExchangeCallObserver
{
    ValueTask OnCallStartingAsync(ExchangeCallInfo call, CancellationToken cancellationToken);

    ValueTask OnCallCompletedAsync(ExchangeCallRecord record, CancellationToken cancellationToken);
}

/// <summary>A signed request about to be made: the exchange, the caller's connection id, the method and the path without query.</summary>
public sealed record ExchangeCallInfo(ExchangeId Exchange, string ConnectionId, string Method, string Path);

/// <summary>A signed request that was made, with its outcome and how long it took.</summary>
public sealed record ExchangeCallRecord(
    ExchangeCallInfo Call,
    ExchangeCallOutcome Outcome,
    int? HttpStatus,
    DiagnosisCategory? Failure,
    TimeSpan Duration);

public enum ExchangeCallOutcome
{
    /// <summary>The exchange answered with data.</summary>
    Succeeded,

    /// <summary>The exchange answered with a refusal or an error.</summary>
    Refused,

    /// <summary>No usable answer: timeout, connection failure.</summary>
    NoAnswer,
}
