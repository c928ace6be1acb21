using System.Collections.Concurrent;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>Records every signed call it is told about, as an audit log would.</summary>
internal sealed class RecordingObserver : IExchangeCallObserver
{
    public ConcurrentQueue<ExchangeCallInfo> Started { get; } = new();

    public ConcurrentQueue<ExchangeCallRecord> Completed { get; } = new();

    public Func<ExchangeCallInfo, bool> Refuse { get; set; } = _ => false;

    public ValueTask OnCallStartingAsync(ExchangeCallInfo call, CancellationToken cancellationToken)
    {
        if (Refuse(call))
        {
            throw new InvalidOperationException("The vault is locked.");
        }

        Started.Enqueue(call);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCallCompletedAsync(ExchangeCallRecord record, CancellationToken cancellationToken)
    {
        Completed.Enqueue(record);
        return ValueTask.CompletedTask;
    }
}
