using Keyfolio.Core.Storage;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Sync;

/// <summary>
/// Servers behind one shared egress address count one another through the database and split its per-IP rate limits:
/// each live server naming the address takes an even share, a server that stops heartbeating drops out a lease period
/// later (one that stops cleanly at once), and a server without the setting is not counted and keeps the whole budget.
/// The counting is checked on both engines; two whole cores, on a real PostgreSQL.
/// </summary>
public sealed class EgressAddressNodesTests : OnPostgres
{
    private const string Gateway = "nat-gateway-eu-1";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Live_servers_naming_one_address_each_take_an_even_share_until_one_stops_heartbeating(bool onPostgres)
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(createVault: false, time: clock, configureOptions: o => o.Store = onPostgres ? Store : StoreLocation.Sqlite);
        var (first, firstConnectors) = Node(harness, clock, Gateway);
        var (second, secondConnectors) = Node(harness, clock, Gateway);
        var (elsewhere, elsewhereConnectors) = Node(harness, clock, "another-gateway");
        var (own, ownConnectors) = Node(harness, clock, null);

        Assert.Equal(1, await first.HeartbeatAsync(None));
        Assert.Equal(2, await second.HeartbeatAsync(None));
        Assert.Equal(2, await first.HeartbeatAsync(None));
        Assert.Equal(1, await elsewhere.HeartbeatAsync(None));
        Assert.Equal(1, await own.HeartbeatAsync(None));
        Assert.Equal((2, 2, 1, 1), (firstConnectors.EgressAddressShare, secondConnectors.EgressAddressShare, elsewhereConnectors.EgressAddressShare, ownConnectors.EgressAddressShare));
        Assert.Equal(3, await RowsAsync(harness));

        // The second server dies: within the period it still counts, after it the first has the address to itself.
        clock.Advance(Period - TimeSpan.FromSeconds(1));
        Assert.Equal(2, await first.HeartbeatAsync(None));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await first.HeartbeatAsync(None));
        Assert.Equal(1, firstConnectors.EgressAddressShare);
        Assert.Equal(1, await RowsAsync(harness));

        // It comes back and then stops cleanly: counted again, then gone at once.
        Assert.Equal(2, await second.HeartbeatAsync(None));
        Assert.Equal(2, await first.HeartbeatAsync(None));
        await second.LeaveAsync(None);
        Assert.Equal(1, await first.HeartbeatAsync(None));
    }

    [Fact]
    public async Task Two_cores_behind_one_address_halve_their_per_ip_budgets_and_a_core_with_its_own_address_keeps_the_whole()
    {
        var clock = new ShiftedClock();
        var dataDirectory = Directory.CreateTempSubdirectory("keyfolio-core-nodes-").FullName;
        await using var one = await CoreHarness.StartAsync(time: clock, dataDirectory: dataDirectory, configureOptions: o => (o.Store, o.SyncLeasePeriod, o.SharedEgressAddress) = (Store, Period, Gateway));
        await using var two = await CoreHarness.StartAsync(createVault: false, time: clock, dataDirectory: dataDirectory, configureOptions: o => (o.Store, o.SyncLeasePeriod, o.SharedEgressAddress) = (StoreAs("second node"), Period, Gateway));
        await using var alone = await CoreHarness.StartAsync(createVault: false, time: clock, dataDirectory: dataDirectory, configureOptions: o => (o.Store, o.SyncLeasePeriod) = (Store, Period));
        (two.KeepDataDirectory, alone.KeepDataDirectory) = (true, true);
        var nodes = new[] { one, two, alone }.Select(h => h.Get<EgressAddressNodes>()).ToList();
        Assert.Equal(Period / 3, nodes[0].HeartbeatInterval);

        foreach (var node in nodes)
        {
            await node.HeartbeatAsync(None);
        }

        await nodes[0].HeartbeatAsync(None);
        Assert.Equal((2, 2, 1), (Share(one), Share(two), Share(alone)));

        // The second core stops heartbeating (it died): a lease period later the first takes the whole budget again.
        clock.Advance(Period + TimeSpan.FromSeconds(1));
        await nodes[0].HeartbeatAsync(None);
        Assert.Equal(1, Share(one));
    }

    private static int Share(CoreHarness harness) => harness.Get<ExchangeConnectors>().EgressAddressShare;

    private static (EgressAddressNodes Nodes, ExchangeConnectors Connectors) Node(CoreHarness harness, TimeProvider clock, string? sharedAddress)
    {
        var connectors = ExchangeConnectors.Create(timeProvider: clock);
        var options = new KeyfolioCoreOptions { DataDirectory = harness.DataDirectory, SyncLeasePeriod = Period, SharedEgressAddress = sharedAddress };
        return (new EgressAddressNodes(harness.Database, connectors, options, clock), connectors);
    }

    private static async Task<long> RowsAsync(CoreHarness harness) =>
        await harness.Database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var count = DbValues.Command(connection, transaction, "SELECT COUNT(*) FROM egress_nodes");
                return Convert.ToInt64(await count.ExecuteScalarAsync(None), System.Globalization.CultureInfo.InvariantCulture);
            },
            None);
}
