using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Sync;
using Keyfolio.Vault;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// Keeps the connections fresh while the vault is unlocked: runs the core's scheduler from each unlock until the next
/// lock (so no private call is ever made while locked, and the scheduler never spins over connections it may not
/// touch); what a pass commits the core announces itself. When Keyfolio stops, the sync stops first; the vault is
/// then locked as the app's services are disposed, recorded as a shutdown.
/// </summary>
internal sealed partial class BackgroundSync(
    VaultAccess vault,
    SyncScheduler scheduler,
    TimeProvider time,
    ILogger<BackgroundSync> logger) : BackgroundService
{
    private const string Actor = "sync";
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitUntilUnlockedAsync(stoppingToken).ConfigureAwait(false);
                await RunWhileUnlockedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Keyfolio is stopping.
        }
    }

    private async Task RunWhileUnlockedAsync(CancellationToken stoppingToken)
    {
        using var whileUnlocked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        void StopOnLock(object? sender, VaultStateChangedEventArgs change)
        {
            if (change.State == VaultState.Locked)
            {
                // An event raised as this pass ends can still reach the handler after it was removed and the source
                // disposed (the handlers are read before they run): there is nothing left to stop then.
                try
                {
                    whileUnlocked.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        vault.StateChanged += StopOnLock;
        try
        {
            if (!vault.IsUnlocked)
            {
                return;
            }

            using (AuditActor.Use(Actor))
            {
                await scheduler.RunAsync(whileUnlocked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (whileUnlocked.IsCancellationRequested)
        {
            // Locked (or stopping): the scheduler waits for the next unlock.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPassFailed(logger, exception.GetType().FullName ?? "?");
            await Task.Delay(PauseAfterFailure, time, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            vault.StateChanged -= StopOnLock;
        }
    }

    private async Task WaitUntilUnlockedAsync(CancellationToken stoppingToken)
    {
        var unlocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUnlock(object? sender, VaultStateChangedEventArgs change)
        {
            if (change.State == VaultState.Unlocked)
            {
                unlocked.TrySetResult();
            }
        }

        vault.StateChanged += OnUnlock;
        try
        {
            if (!vault.IsUnlocked)
            {
                await unlocked.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            vault.StateChanged -= OnUnlock;
        }
    }

    [LoggerMessage(EventId = KeyfolioEventIds.SyncPassFailed, Level = LogLevel.Error, Message = "A background sync pass failed with {ExceptionType}; the next one starts in a minute")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
