namespace Keyfolio.Vault.Kdf;

/// <summary>
/// Lets one password-based key derivation run at a time, off the caller's thread. A high work factor is
/// otherwise a lever to exhaust the CPU with parallel guesses; queued callers wait (and can cancel).
/// </summary>
public sealed class KeyDerivationGate : IDisposable
{
    private readonly SemaphoreSlim _slot = new(1, 1);

    /// <summary>Whether a derivation is running now.</summary>
    public bool IsBusy => _slot.CurrentCount == 0;

    /// <summary>Runs <paramref name="derive"/> on the thread pool once no other derivation is running.</summary>
    public async Task<T> RunAsync<T>(Func<T> derive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(derive);
        await _slot.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(derive, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _slot.Release();
        }
    }

    public void Dispose() => _slot.Dispose();
}
