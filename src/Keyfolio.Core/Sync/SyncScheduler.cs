using Keyfolio.Exchanges;

namespace Keyfolio.Core.Sync;

/// <summary>
/// Keeps every connection fresh: refreshes those due, sleeps until the next is due (at most a minute, so new
/// connections are picked up), and wakes at once when asked (an unlock, a new connection). Makes no call while the
/// vault is locked. Each exchange has its own round of passes, so one exchange holding its calls back to stay within
/// its rate limit delays only its own connections. The web host runs <see cref="RunAsync"/> in the background.
/// </summary>
public sealed class SyncScheduler(SyncService sync, TimeProvider time)
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ExchangeId, SemaphoreSlim> _wake = ExchangeIds.All.ToDictionary(id => id, _ => new SemaphoreSlim(0, 1));

    /// <summary>Raised after each pass that refreshed at least one connection (a pass covers one exchange), with its outcomes.</summary>
    public event EventHandler<IReadOnlyList<RefreshOutcome>>? PassCompleted;

    /// <summary>Runs until cancelled; the first exchange's round to fail stops the others and is rethrown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rounds = _wake.Select(wake => RunRoundAsync(wake.Key, wake.Value, stop)).ToList();
        await Task.WhenAll(rounds).ConfigureAwait(false);
    }

    /// <summary>Starts the next pass of every exchange now.</summary>
    public void Wake()
    {
        foreach (var wake in _wake.Values)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake: one pending wake is enough.
            }
        }
    }

    private async Task RunRoundAsync(ExchangeId exchange, SemaphoreSlim wake, CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (outcomes, nextDue) = await sync.RefreshDueAsync(exchange, cancellationToken).ConfigureAwait(false);
                if (outcomes.Count > 0)
                {
                    PassCompleted?.Invoke(this, outcomes);
                }

                var sleep = nextDue - time.GetUtcNow();
                sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > LongestSleep ? LongestSleep : sleep;
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(sleep, time, timer.Token);
                var woken = wake.WaitAsync(timer.Token);
                await Task.WhenAny(delay, woken).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(delay, woken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
