namespace Keyfolio.Exchanges;

/// <summary>
/// Where the connectors of nonce-signing exchanges (Bitfinex, Kraken) take each request's nonce: strictly increasing per
/// API key across restarts and every process that shares the store, and held while the request that uses it is in
/// flight, so the requests of one key also reach the exchange in nonce order. The connectors use the nonce files of
/// their state directory (<see cref="FileNonceStore"/>) unless another store is given to them, such as the database's
/// when several servers share one.
/// </summary>
public interface INonceStore
{
    /// <summary>
    /// The key's next nonce — above every nonce this store handed out for the key before, and at least the current time
    /// in microseconds — recorded before it is returned, so that it is never handed out again whatever happens to the
    /// request. The next call for the same key waits, in this process or another, until the hold is disposed.
    /// </summary>
    ValueTask<NonceHold> NextAsync(ExchangeId exchange, string apiKey, CancellationToken cancellationToken);
}

/// <summary>One request's nonce, and the store's hold on the key until the request's answer has arrived (or it failed).</summary>
public sealed class NonceHold : IAsyncDisposable
{
    private IAsyncDisposable? _release;

    /// <param name="nonce">The nonce to sign with.</param>
    /// <param name="release">Lets the next request of the key have its nonce; disposed once, by the first dispose.</param>
    public NonceHold(long nonce, IAsyncDisposable release)
    {
        ArgumentNullException.ThrowIfNull(release);
        Nonce = nonce;
        _release = release;
    }

    public long Nonce { get; }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null)?.DisposeAsync() ?? ValueTask.CompletedTask;
}
