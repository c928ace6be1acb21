using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>A fall of the portfolio's value between readings, told once when it is beyond the chosen share.</summary>
public sealed class ValueDropTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_fall_beyond_the_chosen_share_between_two_readings_alerts_once_without_amounts_unless_figures_are_chosen()
    {
        await using var harness = await CoreHarness.StartAsync();
        var rules = harness.Get<AlertRulesService>();
        var monitor = harness.Get<AlertMonitor>();
        await harness.AddAsync("Gate main");
        await harness.Sync.RefreshAllAsync(None);
        var full = (await harness.Portfolio.GetAsync(None)).TotalUsd;
        var offByDefault = await monitor.DetectAsync(None);

        // Half the money leaves the exchange: a 50 % fall, under a 60 % rule and over a 20 % one.
        await rules.ChangeAsync(new AlertRulesChange { ValueDropPercent = 60 }, None);
        Scale(harness, 0.5m);
        await harness.Sync.RefreshAllAsync(None);
        var half = (await harness.Portfolio.GetAsync(None)).TotalUsd;
        var underRule = await monitor.DetectAsync(None);
        await rules.ChangeAsync(new AlertRulesChange { ValueDropPercent = 20 }, None);
        var overRule = await monitor.DetectAsync(None);
        var again = await monitor.DetectAsync(None);

        // A further fall at the next reading alerts again, this time with the amounts the person asked for.
        await rules.ChangeAsync(new AlertRulesChange { Figures = true }, None);
        Scale(harness, 0.25m);
        await harness.Sync.RefreshAllAsync(None);
        var quarter = (await harness.Portfolio.GetAsync(None)).TotalUsd;
        var withFigures = await monitor.DetectAsync(None);

        Assert.True(full > 0m);
        Assert.Equal(full / 2m, half);
        Assert.DoesNotContain(offByDefault, a => a.Type == AlertType.ValueDrop);
        Assert.DoesNotContain(underRule, a => a.Type == AlertType.ValueDrop);
        var alert = Assert.Single(overRule, a => a.Type == AlertType.ValueDrop);
        Assert.Equal((AlertSeverity.Warning, null), (alert.Severity, alert.ConnectionId));
        Assert.Contains("fell by 50.0% between the last two readings", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("\"Gate main\" (Gate) −50.0%", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("下跌了 50.0%", alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain(Usd(full), alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain(Usd(half), alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain("USD", alert.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain(again, a => a.Type == AlertType.ValueDrop);
        var figured = Assert.Single(withFigures, a => a.Type == AlertType.ValueDrop);
        Assert.Contains($"fell by 50.0% between the last two readings, from {Usd(half)} to {Usd(quarter)} USD", figured.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_whose_reading_missed_a_wallet_does_not_count_as_a_fall()
    {
        await using var harness = await CoreHarness.StartAsync();
        var rules = harness.Get<AlertRulesService>();
        await rules.ChangeAsync(new AlertRulesChange { ValueDropPercent = 10 }, None);
        await harness.AddAsync("Gate main");
        await harness.AddAsync("Binance without futures");
        await harness.Sync.RefreshAllAsync(None);
        var before = await harness.Portfolio.GetAsync(None);

        var account = harness.Account("Binance without futures");
        harness.Simulator.Control.SetBalances("binance", account.ApiKey, []);
        await harness.Sync.RefreshAllAsync(None);
        var raised = await harness.Get<AlertMonitor>().DetectAsync(None);
        var after = await harness.Portfolio.GetAsync(None);

        // Counted, its fall to nothing would be far beyond the rule.
        var binance = (Before: before.ByConnection.Single(c => c.Label == "Binance without futures"), After: after.ByConnection.Single(c => c.Label == "Binance without futures"));
        Assert.True(binance.Before.UsdValue > before.TotalUsd * 0.2m, $"{binance.Before.UsdValue} of {before.TotalUsd}");
        Assert.Equal((true, 0m), (binance.Before.Incomplete, binance.After.UsdValue));
        Assert.DoesNotContain(raised, a => a.Type == AlertType.ValueDrop);
    }

    /// <summary>Sets Gate main's balances on the simulator to <paramref name="share"/> of what the demo gives it.</summary>
    private static void Scale(CoreHarness harness, decimal share)
    {
        var account = harness.Account("Gate main");
        harness.Simulator.Control.SetBalances(
            "gate",
            account.ApiKey,
            account.Balances.Select(b => b with { Free = b.Free * share, Locked = b.Locked * share, Borrowed = b.Borrowed * share, Interest = b.Interest * share, UnrealisedPnl = b.UnrealisedPnl * share }));
    }

    private static string Usd(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
