namespace Keyfolio.Simulator.Hosting;

/// <summary>Thread-safe request and rate-limit counters of one exchange.</summary>
internal sealed class ExchangeCounters
{
    private long _requests;
    private long _tooManyRequests;
    private long _banned;

    public void Count(int status)
    {
        Interlocked.Increment(ref _requests);
        if (status == 429)
        {
            Interlocked.Increment(ref _tooManyRequests);
        }
        else if (status == 418)
        {
            Interlocked.Increment(ref _banned);
        }
    }

    public SimulatorCounters Read() =>
        new(Interlocked.Read(ref _requests), Interlocked.Read(ref _tooManyRequests), Interlocked.Read(ref _banned));

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _banned, 0);
    }
}
