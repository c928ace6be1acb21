namespace Keyfolio.Core.Sync;

/// <summary>
/// Keeps every connection fresh: refreshes those due, sleeps until the next is due (at most a minute, so new
/// connections are picked up), and wakes at once when asked (an unlock, a new connection). Makes no call while the
/// vault is locked. The web host runs <see cref="RunAsync"/> in the background.
/// </summary>
public sealed class SyncScheduler(SyncService sync, TimeProvider time)
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Raised after each pass, with its outcomes.</summary>
    public event EventHandler<IReadOnlyList<RefreshOutcome>>? PassCompleted;

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (outcomes, nextDue) = await sync.RefreshDueAsync(cancellationToken).ConfigureAwait(false);
            PassCompleted?.Invoke(this, outcomes);
            var sleep = nextDue - time.GetUtcNow();
            sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > LongestSleep ? LongestSleep : sleep;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(sleep, time, timer.Token);
            var woken = _wake.WaitAsync(timer.Token);
            await Task.WhenAny(delay, woken).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(delay, woken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the next pass now.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pending wake is enough.
        }
    }
}
