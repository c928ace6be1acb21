using Keyfolio.Core.Status;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Sync;

public sealed class SyncSchedulerTests
{
    private const string ExportPassword = "export-granite-meadow-17";

    /// <summary>A vault holding the connections, imported from another one: none has been checked or synced yet, so
    /// every one is due at once.</summary>
    private static async Task<CoreHarness> NeverSyncedAsync(params string[] labels)
    {
        await using var source = await CoreHarness.StartAsync();
        foreach (var label in labels)
        {
            await source.AddAsync(label);
        }

        var file = await source.Transfer.ExportAsync(CoreHarness.Password, ExportPassword, CancellationToken.None);
        var harness = await CoreHarness.StartAsync();
        await harness.Transfer.ImportAsync(file.Value!, ExportPassword, CancellationToken.None);
        return harness;
    }

    [Fact]
    public async Task The_scheduler_refreshes_a_connection_that_is_due_and_reports_the_pass()
    {
        await using var harness = await NeverSyncedAsync("Gate main");
        Assert.Equal(ConnectionStatusCode.NotChecked, (await harness.Connections.ListAsync(false, CancellationToken.None)).Single().Status.Code);
        var scheduler = harness.Get<SyncScheduler>();
        var pass = new TaskCompletionSource<IReadOnlyList<RefreshOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.PassCompleted += (_, outcomes) => pass.TrySetResult(outcomes);
        using var stop = new CancellationTokenSource();

        var running = scheduler.RunAsync(stop.Token);
        var outcomes = await pass.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(RefreshResult.Refreshed, outcomes.Single().Result);
        Assert.Equal(ConnectionStatusCode.Connected, (await harness.Connections.ListAsync(false, CancellationToken.None)).Single().Status.Code);
    }

    [Fact]
    public async Task A_connection_the_pass_had_to_skip_waits_an_interval_instead_of_making_the_next_pass_start_at_once()
    {
        await using var harness = await NeverSyncedAsync("Binance main");
        harness.Simulator.Control.SetPermissions("binance", harness.Account("Binance main").ApiKey, ["read", "withdraw"]);
        var before = DateTimeOffset.UtcNow;

        var (outcomes, nextDue) = await harness.Sync.RefreshDueAsync(CancellationToken.None);

        Assert.Equal(RefreshResult.Skipped, outcomes.Single().Result);
        Assert.True(nextDue >= before + harness.Get<KeyfolioCoreOptions>().DefaultSyncInterval, "The next pass is due at " + nextDue.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_next_sync_is_due_an_interval_after_the_pass_began_not_after_the_slow_answer_ended()
    {
        await using var harness = await NeverSyncedAsync("Gate main");
        harness.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", LatencyMs = 300 });
        var interval = harness.Get<KeyfolioCoreOptions>().DefaultSyncInterval;
        var before = DateTimeOffset.UtcNow;

        var (outcomes, nextDue) = await harness.Sync.RefreshDueAsync(CancellationToken.None);
        var (again, _) = await harness.Sync.RefreshDueAsync(CancellationToken.None);

        Assert.Equal(RefreshResult.Refreshed, outcomes.Single().Result);
        var syncedAt = (await harness.Connections.ListAsync(false, CancellationToken.None)).Single().Connection.LastSyncAt!.Value;

        // The answers took 300 ms or more each, so the sync was recorded after the pass began: the next one is due an
        // interval after the pass began (before syncedAt + interval), which keeps a one-minute interval at one minute.
        Assert.True(nextDue < syncedAt + interval, $"next due {nextDue:O}, synced at {syncedAt:O}");
        Assert.True(nextDue >= before + interval, $"next due {nextDue:O}, asked at {before:O}");
        Assert.Empty(again);
    }

    [Fact]
    public async Task An_exchange_answering_slowly_holds_back_only_its_own_connections()
    {
        await using var harness = await NeverSyncedAsync("Gate main", "Binance main");
        harness.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", LatencyMs = 5000 });
        var scheduler = harness.Get<SyncScheduler>();
        var binancePass = new TaskCompletionSource<IReadOnlyList<RefreshOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.PassCompleted += (_, outcomes) =>
        {
            if (outcomes.Any(o => o.Label == "Binance main"))
            {
                binancePass.TrySetResult(outcomes);
            }
        };
        using var stop = new CancellationTokenSource();

        var running = scheduler.RunAsync(stop.Token);
        var outcomes = await binancePass.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).WaitAsync(TimeSpan.FromMinutes(1));

        // Binance's pass ended on its own: it did not wait for Gate's slow answers.
        var binance = Assert.Single(outcomes);
        Assert.Equal(("Binance main", RefreshResult.Refreshed), (binance.Label, binance.Result));
    }
}
