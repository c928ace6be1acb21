using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Demo;

/// <summary>
/// Gives the offline demo a past, so its value chart means something: each demo connection gets a reading a day for
/// the weeks before today, its holdings as they are now valued at prices that wandered (the same wander every time),
/// and its "connected since" moved back to its first reading. A few connections join later, so the chart shows what
/// an added connection looks like. Only the demo's throwaway data directory is written.
/// </summary>
internal sealed class DemoHistory(KeyfolioDatabase database, TimeProvider time)
{
    /// <summary>How many days of readings the demo has behind it.</summary>
    public const int Days = 28;

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var snapshots = new SnapshotRepository(database);
        var connections = await new Connections.ConnectionRepository(database).ListAsync(cancellationToken).ConfigureAwait(false);
        var latest = await snapshots.LatestAsync(cancellationToken).ConfigureAwait(false);
        var today = time.GetUtcNow();
        // One market for every connection: prices rise about a fifth over the weeks, with a swing of a few per cent a
        // day, the same every time the demo starts.
        var factors = new decimal[Days];
        for (var day = 0; day < Days; day++)
        {
            factors[day] = Math.Round(0.82m + (0.18m * day / Days) + (0.03m * (decimal)Math.Sin(day * 1.7)), 6);
        }

        var position = 0;
        foreach (var connection in connections)
        {
            if (!latest.TryGetValue(connection.Id, out var now))
            {
                continue;
            }

            // Every fifth connection joined a week or two ago rather than at the start.
            var firstDay = position++ % 5 == 4 ? Days - 7 - (position % 2 * 7) : 0;
            await database.WriteAsync(
                async (db, transaction) =>
                {
                    for (var day = firstDay; day < Days; day++)
                    {
                        var at = today - TimeSpan.FromDays(Days - day) + TimeSpan.FromMinutes(position);
                        var holdings = now.Holdings.Select(h => h with { UsdPrice = h.UsdPrice * factors[day] }).ToList();
                        await SnapshotRepository.InsertAsync(db, transaction, now with { TakenAt = at, Holdings = holdings }, cancellationToken).ConfigureAwait(false);
                    }

                    // Today's reading again, so it stays the newest (the latest reading is the one with the highest id).
                    await SnapshotRepository.InsertAsync(db, transaction, now, cancellationToken).ConfigureAwait(false);
                    await SnapshotRepository.DeleteAsync(db, transaction, now.Id, cancellationToken).ConfigureAwait(false);
                    await Connections.ConnectionRepository.BackdateAsync(db, transaction, connection.Id, today - TimeSpan.FromDays(Days - firstDay), cancellationToken).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
