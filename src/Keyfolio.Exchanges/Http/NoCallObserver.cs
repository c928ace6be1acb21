namespace Keyfolio.Exchanges.Http;

internal sealed class NoCallObserver : IExchangeCallObserver
{
    public static NoCallObserver Instance { get; } = new();

    public ValueTask OnCallStartingAsync(ExchangeCallInfo call, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnCallCompletedAsync(ExchangeCallRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
