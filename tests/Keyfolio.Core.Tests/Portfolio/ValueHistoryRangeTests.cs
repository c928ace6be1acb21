using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Portfolio;

/// <summary>
/// The value over a chosen range: a connection read before the range counts from the range's start (no false growth
/// when it is read again inside it), and the connections added or removed within the range are told apart from gains
/// and losses: a removed connection whose history is kept stays in the past values until its removal.
/// </summary>
public sealed class ValueHistoryRangeTests
{
    [Fact]
    public async Task A_range_starts_from_the_values_held_before_it_and_names_the_connections_added_and_removed_in_it()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        var gate = await harness.AddAsync("Gate main");

        clock.Advance(TimeSpan.FromDays(10));
        var rangeStart = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(1));
        var htx = await harness.AddAsync("HTX main");
        clock.Advance(TimeSpan.FromHours(1));
        await harness.Sync.RefreshAsync(gate.Connection.Id, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await harness.Get<RemoveConnectionCommand>().RemoveAsync(await harness.IdOfAsync("HTX main"), deleteHistory: false, CancellationToken.None)).IsSuccess);

        var range = await harness.Portfolio.GetHistoryAsync(rangeStart, CancellationToken.None);
        var changes = await harness.Portfolio.GetConnectionChangesAsync(rangeStart, CancellationToken.None);
        var everything = await harness.Portfolio.GetConnectionChangesAsync(DateTimeOffset.MinValue, CancellationToken.None);

        // Gate's value from before the range is its first point, at the range's start; the Gate reading inside the
        // range does not look like growth. HTX, removed with its history kept, counts from when it was added until it
        // was removed, where the value steps back down (the step the chart marks as a removal, not a loss).
        Assert.Equal([gate.TotalUsd, gate.TotalUsd + htx.TotalUsd, gate.TotalUsd + htx.TotalUsd, gate.TotalUsd], range.Select(point => point.UsdValue));
        Assert.Equal(rangeStart, range[0].At);
        Assert.Equal(changes[1].At, range[^1].At);
        Assert.Equal(
            [(ConnectionChangeKind.Added, "HTX main"), (ConnectionChangeKind.Removed, "HTX main")],
            changes.Select(c => (c.Kind, c.Label)));
        Assert.True(changes[0].At > rangeStart && changes[1].At > changes[0].At);
        Assert.Equal(htx.Connection.Id, changes[0].ConnectionId);
        Assert.Equal(["Gate main", "HTX main", "HTX main"], everything.Select(c => c.Label));
    }
}
