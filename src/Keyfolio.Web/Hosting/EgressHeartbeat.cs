using Keyfolio.Core.Sync;
using Keyfolio.Exchanges.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// While Keyfolio runs behind a shared egress address (<c>Sync:SharedEgressAddress</c>), records this node as live
/// every third of the lease period and takes its share of the address's per-IP rate limits from the nodes counted
/// (<see cref="EgressAddressNodes"/>); does nothing otherwise. It runs whether or not the vault is unlocked, since the
/// node's public calls (prices) count against the address too. A failed heartbeat keeps the share it had and is tried
/// again at the next one. When Keyfolio stops, the node's row is removed, so the others take its part at once.
/// </summary>
internal sealed partial class EgressHeartbeat(
    EgressAddressNodes nodes,
    TimeProvider time,
    ILogger<EgressHeartbeat> logger) : BackgroundService
{
    private int _share = 1;

    /// <summary>The first heartbeat, before the services after it start: the node's first calls already take its share.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (nodes.SharedAddress is not null)
        {
            await BeatAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await nodes.LeaveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The row then drops out a lease period after the last heartbeat, as a dead node's does.
            LogHeartbeatFailed(logger, exception.GetType().FullName ?? "?");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (nodes.SharedAddress is null)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(nodes.HeartbeatInterval, time, stoppingToken).ConfigureAwait(false);
                await BeatAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Keyfolio is stopping.
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var counted = await nodes.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            if (counted != _share)
            {
                LogShareChanged(logger, counted);
                _share = counted;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogHeartbeatFailed(logger, exception.GetType().FullName ?? "?");
        }
    }

    [LoggerMessage(EventId = KeyfolioEventIds.EgressShareChanged, Level = LogLevel.Information, Message = "{Nodes} live node(s) send from this node's shared egress address; each takes that share of its per-IP rate limits")]
    private static partial void LogShareChanged(ILogger logger, int nodes);

    [LoggerMessage(EventId = KeyfolioEventIds.EgressHeartbeatFailed, Level = LogLevel.Warning, Message = "The heartbeat of this node behind a shared egress address failed with {ExceptionType}; the share it had stays until the next one")]
    private static partial void LogHeartbeatFailed(ILogger logger, string exceptionType);
}
