using System.Collections.Concurrent;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>Records every signed call it is told about, as an audit log would.</summary>
internal sealed class RecordingObserver : IExchangeCallObserver
{
    public ConcurrentQueue<ExchangeCallInfo> Started { get; } = new();

    public ConcurrentQueue<ExchangeCallRecord> Completed { get; } = new();

    public Func<ExchangeCallInfo, bool> Refuse { get; set; } = _ => false;

    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most signed calls that were started and not yet completed at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ValueTask OnCallStartingAsync(ExchangeCallInfo call, CancellationToken cancellationToken)
    {
        if (Refuse(call))
        {
            throw new InvalidOperationException("The vault is locked.");
        }

        Started.Enqueue(call);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnCallCompletedAsync(ExchangeCallRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _inFlight);
        Completed.Enqueue(record);
        return ValueTask.CompletedTask;
    }
}
