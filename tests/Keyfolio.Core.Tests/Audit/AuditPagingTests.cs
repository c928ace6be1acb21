using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.Audit;

public sealed class AuditPagingTests
{
    [Fact]
    public async Task Pages_run_newest_first_and_filter_by_connection_and_action()
    {
        await using var harness = await CoreHarness.StartAsync();
        var gate = await harness.AddAsync("Gate main");
        await harness.AddAsync("HTX main");

        var all = await harness.Audit.ReadPageAsync(new AuditQuery { Limit = 500 }, CancellationToken.None);
        var firstPage = await harness.Audit.ReadPageAsync(new AuditQuery { Limit = 3 }, CancellationToken.None);
        var secondPage = await harness.Audit.ReadPageAsync(new AuditQuery { Limit = 3, BeforeSequence = firstPage[^1].Sequence }, CancellationToken.None);
        var gateCalls = await harness.Audit.ReadPageAsync(new AuditQuery { ConnectionId = gate.Connection.Id, Action = AuditAction.ExchangeCall }, CancellationToken.None);
        var added = await harness.Audit.ReadPageAsync(new AuditQuery { Action = AuditAction.CredentialAdded }, CancellationToken.None);

        Assert.Equal(all.Select(e => e.Sequence).OrderDescending(), all.Select(e => e.Sequence));
        Assert.Equal(all.Take(6).Select(e => e.Sequence), firstPage.Concat(secondPage).Select(e => e.Sequence));
        Assert.NotEmpty(gateCalls);
        Assert.All(gateCalls, e => Assert.True(e.ConnectionId == gate.Connection.Id && e.Action == AuditAction.ExchangeCall));
        Assert.Equal(2, added.Count);
    }

    [Fact]
    public async Task Labels_of_removed_connections_stay_known_for_the_log()
    {
        await using var harness = await CoreHarness.StartAsync();
        var gate = await harness.AddAsync("Gate main");
        await harness.Get<RemoveConnectionCommand>().RemoveAsync(await harness.IdOfAsync("Gate main"), deleteHistory: false, CancellationToken.None);

        var labels = await harness.Connections.LabelsAsync(CancellationToken.None);

        Assert.Equal("Gate main", labels[gate.Connection.Id]);
    }
}
