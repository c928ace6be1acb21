using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Portfolio;

public sealed class SnapshotHistoryTests
{
    [Fact]
    public async Task A_connections_snapshot_history_lists_its_own_snapshots_newest_first()
    {
        await using var harness = await CoreHarness.StartAsync();
        var binance = await harness.AddAsync("Binance main");
        await harness.AddAsync("Gate main");
        await harness.Sync.RefreshAsync(binance.Connection.Id, CancellationToken.None);

        var history = await harness.Portfolio.GetSnapshotHistoryAsync(binance.Connection.Id, 10, CancellationToken.None);
        var limited = await harness.Portfolio.GetSnapshotHistoryAsync(binance.Connection.Id, 1, CancellationToken.None);

        Assert.Equal(2, history.Count);
        Assert.True(history[0].TakenAt >= history[1].TakenAt);
        Assert.All(history, s => Assert.Equal(binance.TotalUsd, s.TotalUsd));
        Assert.All(history, s => Assert.True(s.IsComplete));
        Assert.Equal(history[0], Assert.Single(limited));
    }
}
