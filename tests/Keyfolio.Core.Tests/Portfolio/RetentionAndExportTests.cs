using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Portfolio;

public sealed class RetentionAndExportTests
{
    [Fact]
    public async Task Every_snapshot_of_the_last_30_days_is_kept_and_one_per_day_before()
    {
        await using var harness = await CoreHarness.StartAsync();
        var view = await harness.AddAsync("Bittrex main");
        var now = DateTimeOffset.UtcNow;
        var times = new List<DateTimeOffset>();
        for (var day = 1; day <= 40; day++)
        {
            times.Add(now.AddDays(-day).AddHours(-1));
            times.Add(now.AddDays(-day).AddHours(-2));
        }

        await harness.Database.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var at in times)
                {
                    var holdings = new[] { new Holding(WalletKind.Spot, "BTC", "BTC", 1m, 0m, 1m, 65000m) };
                    await SnapshotRepository.InsertAsync(connection, transaction, new Snapshot(0, view.Connection.Id, at, [new WalletStatus(WalletKind.Spot, null)], holdings), CancellationToken.None);
                }
            },
            CancellationToken.None);

        var removed = await new SnapshotRepository(harness.Database).PruneAsync(now, TimeSpan.FromDays(30), CancellationToken.None);

        var kept = await harness.CountAsync("SELECT COUNT(*) FROM snapshots WHERE connection_id = $id", view.Connection.Id);
        var keptHoldings = await harness.CountAsync("SELECT COUNT(*) FROM snapshot_holdings h JOIN snapshots s ON s.id = h.snapshot_id WHERE s.connection_id = $id", view.Connection.Id);
        var recent = times.Count(t => t >= now.AddDays(-30));
        var olderDays = times.Where(t => t < now.AddDays(-30)).Select(t => t.UtcDateTime.Date).Distinct().Count();
        Assert.Equal(1 + recent + olderDays, kept);
        Assert.Equal(times.Count + 1 - kept, removed);
        Assert.True(keptHoldings >= kept);
    }

    [Fact]
    public async Task The_CSV_export_lists_every_holding_in_the_invariant_culture_and_neutralises_formulas()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Binance main", r => r with { Label = "=HYPERLINK(\"x\")" });
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        using var writer = new StringWriter();
        try
        {
            await harness.Portfolio.WriteCsvAsync(writer, CancellationToken.None);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("connection,exchange,wallet,asset", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 11, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(\"\"x\"\")\",binance,spot,BTC,BTC,0.42", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("0,42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_number_in_the_CSV_export_has_one_exact_form_whatever_scale_the_exchange_sent()
    {
        await using var harness = await CoreHarness.StartAsync();
        foreach (var label in new[] { "Binance main", "OKX main", "Gate main", "HTX main", "Kraken main" })
        {
            await harness.AddAsync(label);
        }

        using var writer = new StringWriter();
        await harness.Portfolio.WriteCsvAsync(writer, CancellationToken.None);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        string[] numeric = ["free", "locked", "total", "usd_price", "usd_value"];
        var cells = lines.Skip(1).Select(line => line.Split(',')).SelectMany(row => numeric.Select(name => row[Array.IndexOf(header, name)])).Where(cell => cell.Length > 0).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.Matches(@"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$", cell));
        var account = harness.Account("Binance main");
        var totals = lines.Skip(1).Select(line => line.Split(',')).Where(row => row[0] == "Binance main").Sum(row => decimal.Parse(row[Array.IndexOf(header, "total")], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(account.Balances.Sum(b => b.Net), totals);
    }

    [Fact]
    public async Task The_value_history_counts_each_connection_at_its_latest_value()
    {
        await using var harness = await CoreHarness.StartAsync();
        var gate = await harness.AddAsync("Gate main");
        var htx = await harness.AddAsync("HTX main");

        var history = await harness.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, CancellationToken.None);

        Assert.Equal([gate.TotalUsd, gate.TotalUsd + htx.TotalUsd], history.Select(p => p.UsdValue));
    }
}
