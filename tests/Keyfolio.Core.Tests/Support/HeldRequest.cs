namespace Keyfolio.Core.Tests.Support;

/// <summary>
/// Sits in front of the exchanges in the connectors' HTTP pipeline and, once armed, holds the next request whose path
/// matches until it is released — or until its caller cancels it, in which case it never reaches the exchange. A
/// request in flight, on cue, without waiting on the clock.
/// </summary>
internal sealed class HeldRequest(Func<string, bool> matches) : DelegatingHandler
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when the held request has arrived here, on its way to the exchange.</summary>
    public Task Arrived => _arrived.Task;

    public void Arm() => Volatile.Write(ref _armed, 1);

    public void Release() => _release.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request.RequestUri!.AbsolutePath) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _arrived.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
