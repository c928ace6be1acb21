using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// Looks for alert events and delivers the queued alerts, apart from the sync so a slow receiver never holds it up:
/// at start (so the problems the stored key facts already show go out before anyone unlocks), after each sync pass,
/// on every lock and unlock, at least every <see cref="AlertOptions.CheckInterval"/>, and when a failed delivery is due
/// again. Works while the vault is locked: it reads stored facts only.
/// </summary>
internal sealed partial class BackgroundAlerts(
    AlertMonitor monitor,
    AlertDispatcher dispatcher,
    SyncScheduler scheduler,
    VaultAccess vault,
    KeyfolioCoreOptions options,
    TimeProvider time,
    ILogger<BackgroundAlerts> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        scheduler.PassCompleted += OnPassCompleted;
        vault.StateChanged += OnVaultStateChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset? retry = null;
                try
                {
                    await monitor.DetectAsync(stoppingToken).ConfigureAwait(false);

                    await dispatcher.DeliverAsync(stoppingToken).ConfigureAwait(false);
                    retry = await dispatcher.NextRetryAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRoundFailed(logger, exception.GetType().FullName ?? "?");
                }

                await SleepAsync(retry, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Keyfolio is stopping.
        }
        finally
        {
            scheduler.PassCompleted -= OnPassCompleted;
            vault.StateChanged -= OnVaultStateChanged;
        }
    }

    private async Task SleepAsync(DateTimeOffset? retry, CancellationToken stoppingToken)
    {
        var sleep = options.Alerts.CheckInterval;
        if (retry is { } at && at - time.GetUtcNow() is var untilRetry && untilRetry < sleep)
        {
            sleep = untilRetry < TimeSpan.Zero ? TimeSpan.Zero : untilRetry;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(sleep, time, timer.Token);
        var woken = _wake.WaitAsync(timer.Token);
        await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(delay, woken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pending wake is enough.
        }
        catch (ObjectDisposedException)
        {
            // Stopped: the vault locks as the app shuts down, after this service is gone; nothing is left to wake.
        }
    }

    private void OnPassCompleted(object? sender, IReadOnlyList<RefreshOutcome> outcomes) => Wake();

    private void OnVaultStateChanged(object? sender, Keyfolio.Vault.VaultStateChangedEventArgs change) => Wake();

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = KeyfolioEventIds.AlertRoundFailed, Level = LogLevel.Error, Message = "An alert round failed with {ExceptionType}; the next one follows the next sync pass or the check interval")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType);
}
