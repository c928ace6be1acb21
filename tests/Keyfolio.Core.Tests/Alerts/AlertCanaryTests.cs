using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Alerts;

/// <summary>Every demo account connected, its problems alerted on: no alert's text (either language) holds an API key,
/// secret or passphrase, or any balance figure the readings hold.</summary>
public sealed class AlertCanaryTests
{
    [Fact]
    public async Task No_alert_holds_a_key_a_secret_a_passphrase_or_a_balance_figure()
    {
        var clock = new ShiftedClock();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        var accounts = harness.Config.Accounts.Where(a => a.Label is not null && ExchangeIds.TryParse(a.Exchange, out _)).ToList();
        foreach (var account in accounts)
        {
            await harness.TryAddAsync(account.Label!, request => request with { AllowWithdrawal = true, WithdrawalConfirmation = account.Label, KeepWhenRefused = true });
        }

        var monitor = harness.Get<AlertMonitor>();
        var alerts = (await monitor.DetectAsync(CancellationToken.None)).ToList();
        clock.Advance(TimeSpan.FromDays(40));
        alerts.AddRange(await monitor.DetectAsync(CancellationToken.None));

        var secrets = accounts.SelectMany(a => new[] { a.ApiKey, a.Secret, a.Passphrase }).OfType<string>().Where(s => s.Length >= 8).ToList();
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in await harness.Connections.ListAsync(false, CancellationToken.None))
        {
            if (view.Latest is not { } latest)
            {
                continue;
            }

            Add(figures, latest.TotalUsd);
            foreach (var holding in latest.Holdings)
            {
                Add(figures, holding.Total);
                Add(figures, holding.Free);
                Add(figures, holding.UsdValue);
            }
        }

        Assert.Contains(alerts, a => a.Type == AlertType.WithdrawRight);
        Assert.Contains(alerts, a => a.Type == AlertType.KeyFailing);
        Assert.Contains(alerts, a => a.Type == AlertType.KeyExpiring);
        Assert.Contains(alerts, a => a.Type == AlertType.BalanceIncomplete);
        Assert.Contains(alerts, a => a.Type == AlertType.KeyUnused);
        Assert.NotEmpty(figures);
        foreach (var alert in alerts)
        {
            var text = string.Join("\n", alert.Message.For(CultureInfo.GetCultureInfo("en")), alert.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), alert.Fix.For(CultureInfo.GetCultureInfo("en")), alert.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), alert.ConnectionLabel);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            Assert.All(figures, figure => Assert.DoesNotContain(figure, text, StringComparison.Ordinal));
        }
    }

    /// <summary>A figure as any text would show it; short ones ("2", "0.5") would match dates and counts, so only those of four characters or more.</summary>
    private static void Add(HashSet<string> figures, decimal? value)
    {
        if (value is not { } figure || figure == 0m)
        {
            return;
        }

        foreach (var text in new[] { figure.ToString(CultureInfo.InvariantCulture), (figure / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture), figure.ToString("N2", CultureInfo.InvariantCulture), figure.ToString("0.##", CultureInfo.InvariantCulture) })
        {
            if (text.Length >= 4)
            {
                figures.Add(text);
            }
        }
    }
}
