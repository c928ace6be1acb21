using Keyfolio.Core.Alerts;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Simulator;

namespace Keyfolio.Core.Tests.Sync;

/// <summary>
/// Several servers on one database share the work: each due connection is refreshed by one of them (through leases:
/// a lease another server holds is skipped, and a dead server's leases pass to another once they expire), and each
/// alert is raised and sent once. The leases themselves are checked on both engines; the servers, on a real PostgreSQL.
/// </summary>
public sealed class SeveralServersTests : OnPostgres
{
    private const string ExportPassword = "export-granite-meadow-17";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private static readonly string[] Labels = ["Binance main", "OKX main", "Gate main", "HitBTC main"];
    private static readonly string[] Exchanges = ["binance", "okx", "gate", "hitbtc"];

    /// <summary>The second server's own pool, as another machine would have.</summary>
    private StoreLocation SecondStore => StoreAs("second node");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lease_belongs_to_one_server_until_it_is_given_up_or_expires(bool onPostgres)
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock, configureOptions: o => o.Store = onPostgres ? Store : StoreLocation.Sqlite);
        var id = (await harness.AddAsync("Gate main")).Connection.Id;
        var first = new SyncLeases(harness.Database, clock, Period);
        var second = new SyncLeases(harness.Database, clock, Period);
        Assert.NotEqual(first.Holder, second.Holder);

        Assert.True((await first.TryClaimAsync(id, None)).Claimed);
        Assert.False((await second.TryClaimAsync(id, None)).Claimed);
        Assert.True((await first.TryClaimAsync(id, None)).Claimed, "a server may claim again what it holds");
        Assert.True(await first.RenewAsync(id, None));
        Assert.False(await second.RenewAsync(id, None), "only the holder renews");
        Assert.True(await HeldAsync(harness.Database, first, id));
        Assert.False(await HeldAsync(harness.Database, second, id));

        // The first server stops renewing (it died): once the period has passed, the second takes the lease over and
        // the first can neither renew it nor pass the check its write makes.
        clock.Advance(Period + TimeSpan.FromSeconds(1));
        Assert.False(await HeldAsync(harness.Database, first, id));
        Assert.True((await second.TryClaimAsync(id, None)).Claimed);
        Assert.False(await first.RenewAsync(id, None));
        Assert.False((await first.TryClaimAsync(id, None)).Claimed);

        // Given up, it is free at once; a lease on a connection that does not exist is never granted.
        await first.ReleaseAsync(id, None);
        Assert.False((await first.TryClaimAsync(id, None)).Claimed, "only the holder gives a lease up");
        await second.ReleaseAsync(id, None);
        Assert.True((await first.TryClaimAsync(id, None)).Claimed);
        Assert.False((await first.TryClaimAsync("no-such-connection", None)).Claimed);
    }

    [Fact]
    public async Task Two_servers_on_one_database_refresh_each_due_connection_exactly_once()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-nodes-").FullName;
        await using var one = await NeverSyncedAsync(dataDirectory, Store, TimeProvider.System);
        await using var two = await SecondServerAsync(dataDirectory, TimeProvider.System);

        // Slow answers keep both passes in flight together, so each finds the other's leases held.
        foreach (var (server, exchange) in new[] { one, two }.SelectMany(server => Exchanges.Select(exchange => (server, exchange))))
        {
            server.Simulator.Control.SetFault(new SimulatorFault { Exchange = exchange, LatencyMs = 300 });
        }

        var passes = await Task.WhenAll(one.Sync.RefreshDueAsync(None), two.Sync.RefreshDueAsync(None));

        var refreshed = passes.SelectMany(p => p.Outcomes).Where(o => o.Result == RefreshResult.Refreshed).Select(o => o.Label).Order().ToList();
        Assert.True(Labels.Order().SequenceEqual(refreshed), string.Join("; ", passes.SelectMany(p => p.Outcomes).Select(o => $"{o.Label}: {o.Result} {o.Error} {o.Diagnosis?.Category}")));
        Assert.Equal(Enumerable.Repeat(1L, Labels.Length), await SnapshotsPerConnectionAsync(one.Database));

        // Neither server finds anything due now: each sees the other's refreshes in the database.
        Assert.Empty((await one.Sync.RefreshDueAsync(None)).Outcomes);
        Assert.Empty((await two.Sync.RefreshDueAsync(None)).Outcomes);
        var verified = await two.Audit.VerifyAsync(None);
        Assert.True(verified.IsIntact, verified.ToString());
    }

    [Fact]
    public async Task A_server_that_dies_holding_a_lease_has_its_connection_refreshed_by_another_once_the_lease_expires()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-nodes-").FullName;
        var clock = new ShiftedClock();
        await using var one = await NeverSyncedAsync(dataDirectory, Store, TimeProvider.System);
        var okx = await one.IdOfAsync("OKX main");

        // The first server claimed OKX's lease to refresh it, and died before it wrote anything or gave the lease up.
        var dead = await new SyncLeases(one.Database, TimeProvider.System, Period).TryClaimAsync(okx, None);
        Assert.True(dead.Claimed);
        await using var two = await SecondServerAsync(dataDirectory, clock);

        var (outcomes, nextDue) = await two.Sync.RefreshDueAsync(None);

        // The second server looks again when the lease ends, not an interval later.
        Assert.Equal(dead.HeldUntil, nextDue);
        var held = Assert.Single(outcomes, o => o.Label == "OKX main");
        Assert.Equal(RefreshResult.Deferred, held.Result);
        Assert.Equal(dead.HeldUntil, held.RetryAt);
        Assert.Equal(CoreErrorKind.CooldownActive, held.Error?.Kind);
        Assert.Contains("another Keyfolio server", held.Error!.Message.ToString(), StringComparison.Ordinal);
        Assert.All(outcomes.Where(o => o.Label != "OKX main"), o => Assert.Equal(RefreshResult.Refreshed, o.Result));

        // One lease period later (the exchanges' clocks move on with it), the second server refreshes OKX.
        clock.Advance(Period + TimeSpan.FromSeconds(1));
        foreach (var exchange in Exchanges)
        {
            two.Simulator.Control.SetClockOffset(exchange, clock.Offset);
        }

        var (later, _) = await two.Sync.RefreshDueAsync(None);

        var takenOver = Assert.Single(later);
        Assert.Equal(("OKX main", RefreshResult.Refreshed), (takenOver.Label, takenOver.Result));
    }

    [Fact]
    public async Task A_refresh_that_outlasts_the_lease_period_keeps_its_lease_by_renewing_it_and_writes_its_result()
    {
        // Each answer takes 2 s and a refresh reads the key's facts before its balances, so it runs past the 3 s lease;
        // renewed every second, the lease is still this server's when the refresh writes.
        await using var harness = await CoreHarness.StartAsync(configureOptions: o => (o.Store, o.SyncLeasePeriod) = (Store, TimeSpan.FromSeconds(3)));
        await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetFault(new SimulatorFault { Exchange = "gate", LatencyMs = 2000 });

        var outcome = (await harness.Sync.RefreshAllAsync(None)).Single();

        Assert.True(outcome.Result == RefreshResult.Refreshed, outcome.Error?.ToString());
    }

    [Fact]
    public async Task Two_servers_on_one_database_raise_an_alert_once_and_only_one_of_them_sends_it()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-nodes-").FullName;
        await using var receiver = WebhookReceiver.Start();
        await using var one = await CoreHarness.StartAsync(dataDirectory: dataDirectory, configureOptions: o => o.Store = Store);
        one.KeepDataDirectory = true;
        await one.AddAsync("HTX expiring in 2 days");
        await using var two = await SecondServerAsync(dataDirectory, TimeProvider.System);
        foreach (var server in new[] { one, two })
        {
            server.Get<KeyfolioCoreOptions>().Alerts.Webhook.Url = receiver.Url;
            server.Get<AlertSecrets>().SetWebhookSecret("whsec-two-servers-1c9e");
        }

        var raised = await Task.WhenAll(one.Get<AlertMonitor>().DetectAsync(None), two.Get<AlertMonitor>().DetectAsync(None));
        var alert = Assert.Single(raised.SelectMany(r => r));
        Assert.Equal(AlertType.KeyExpiring, alert.Type);

        // The first server's post is held at the receiver: the second server, delivering meanwhile, finds the alert
        // claimed and sends nothing (without the claim it would post it too, and fail on the held receiver).
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = one.Get<AlertDispatcher>().DeliverAsync(None);
        await receiver.WaitForAsync(1, TimeSpan.FromMinutes(1));
        Assert.Equal(0, await two.Get<AlertDispatcher>().DeliverAsync(None));
        receiver.Hold.SetResult();

        Assert.Equal(1, await first);
        Assert.Single(receiver.Received);
        Assert.Equal(0, await two.Get<AlertDispatcher>().DeliverAsync(None));
        var deliveries = await one.Audit.ReadPageAsync(new Keyfolio.Core.Audit.AuditQuery { Action = Keyfolio.Vault.Audit.AuditAction.AlertDelivery, Limit = 10 }, None);
        Assert.Contains("delivered", Assert.Single(deliveries).Outcome, StringComparison.Ordinal);
    }

    private static async Task<List<long>> SnapshotsPerConnectionAsync(KeyfolioDatabase database)
    {
        await using var connection = await database.OpenAsync(None);
        await using var count = DbValues.Command(connection, null, "SELECT COUNT(*) FROM snapshots GROUP BY connection_id");
        await using var reader = await count.ExecuteReaderAsync(None);
        var counts = new List<long>();
        while (await reader.ReadAsync(None))
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    private static async Task<bool> HeldAsync(KeyfolioDatabase database, SyncLeases leases, string id) =>
        await database.WriteAsync((connection, transaction) => leases.StillHeldAsync(connection, transaction, id, None), None);

    /// <summary>The first server: its vault holds the connections, imported, so none has been synced and all are due.</summary>
    private static async Task<CoreHarness> NeverSyncedAsync(string dataDirectory, StoreLocation store, TimeProvider time)
    {
        byte[] file;
        await using (var source = await CoreHarness.StartAsync())
        {
            foreach (var label in Labels)
            {
                await source.AddAsync(label);
            }

            file = (await source.Transfer.ExportAsync(CoreHarness.Password, ExportPassword, None)).Value!;
        }

        var harness = await CoreHarness.StartAsync(time: time, dataDirectory: dataDirectory, configureOptions: o => (o.Store, o.SyncLeasePeriod) = (store, Period));
        harness.KeepDataDirectory = true;
        Assert.True((await harness.Transfer.ImportAsync(file, ExportPassword, None)).IsSuccess);
        return harness;
    }

    /// <summary>A second server on the same database and audit key, with its own pool and clock, unlocked.</summary>
    private async Task<CoreHarness> SecondServerAsync(string dataDirectory, TimeProvider time)
    {
        var harness = await CoreHarness.StartAsync(createVault: false, time: time, dataDirectory: dataDirectory, configureOptions: o => (o.Store, o.SyncLeasePeriod) = (SecondStore, Period));
        Assert.True((await harness.Vault.UnlockAsync(CoreHarness.Password, None)).IsSuccess);
        return harness;
    }
}
