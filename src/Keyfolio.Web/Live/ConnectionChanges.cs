using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Vault;

namespace Keyfolio.Web.Live;

/// <summary>
/// A counter of changes to what My Exchanges shows — each change the core announces once committed (a sync result, a
/// refresh, a check, a connection added or removed, alerts raised) and the vault locking or unlocking — that open pages
/// wait on (<c>/exchanges/events</c>) to fetch their cards again.
/// </summary>
public sealed class ConnectionChanges : IDisposable
{
    private readonly ConnectionChangeFeed _feed;
    private readonly VaultAccess _vault;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public ConnectionChanges(ConnectionChangeFeed feed, VaultAccess vault)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(vault);
        _feed = feed;
        _vault = vault;
        _feed.Changed += OnChanged;
        _vault.StateChanged += OnVaultStateChanged;
    }

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes once the version is no longer <paramref name="seen"/>.</summary>
    public Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next);
        return Version != seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _feed.Changed -= OnChanged;
        _vault.StateChanged -= OnVaultStateChanged;
    }

    private void OnChanged(object? sender, ConnectionUpdate update) => Advance();

    private void OnVaultStateChanged(object? sender, VaultStateChangedEventArgs change) => Advance();

    private void Advance()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
