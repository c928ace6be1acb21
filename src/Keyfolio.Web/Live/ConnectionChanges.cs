namespace Keyfolio.Web.Live;

/// <summary>
/// A counter of changes to what My Exchanges shows — a background sync pass, a refresh, a check, a connection added or
/// removed, the vault locking — that open pages wait on (<c>/exchanges/events</c>) to fetch their cards again.
/// </summary>
public sealed class ConnectionChanges
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once the version is no longer <paramref name="seen"/>.</summary>
    public Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next);
        return Version != seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }
}
