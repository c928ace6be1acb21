using Keyfolio.Core.Connections;
using Keyfolio.Core.Demo;
using Keyfolio.Core.Health;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Seeding_the_demo_sample_connects_every_account_and_each_problem_key_shows_its_status()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false);
        var credentials = new List<KeyCredentials>();
        var demo = harness.Config.Accounts.Select(account =>
        {
            Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
            var key = new KeyCredentials(account.ApiKey, account.Secret, account.Label == "wrong-passphrase" ? "Not-The-Pass1!" : account.Passphrase);
            credentials.Add(key);
            return new DemoConnection(new ExchangeEndpoint(exchange.Value), account.Label!, key);
        }).ToList();

        var seeded = await harness.Get<DemoSeeder>().SeedAsync("demo-keyfolio-violet-42", demo, CancellationToken.None);
        credentials.ForEach(c => c.Dispose());

        Assert.True(seeded.IsSuccess, seeded.Error?.ToString());
        var byLabel = seeded.Value.ToDictionary(v => v.Connection.Label);
        Assert.Equal(harness.Config.Accounts.Count, byLabel.Count);
        Assert.Equal(ConnectionStatusCode.WrongPassphrase, byLabel["wrong-passphrase"].Status.Code);
        Assert.Equal(ConnectionStatusCode.IpNotAllowed, byLabel["OKX IP-locked"].Status.Code);
        Assert.Equal(ConnectionStatusCode.KeyExpired, byLabel["HTX expired"].Status.Code);
        Assert.Equal(ConnectionStatusCode.ExpiresSoon, byLabel["HTX expiring in 2 days"].Status.Code);
        Assert.Equal(ConnectionStatusCode.ExpiresSoon, byLabel["Binance trading right lapses"].Status.Code);
        Assert.Equal(ConnectionStatusCode.RateLimited, byLabel["Gate rate-limited"].Status.Code);
        Assert.Equal(ConnectionStatusCode.WithdrawalEnabled, byLabel["Binance withdraw-enabled"].Status.Code);
        Assert.Contains(byLabel["Binance withdraw-enabled"].Findings, f => f is { Kind: FindingKind.CanWithdraw, Severity: FindingSeverity.Critical });
        Assert.Equal(ConnectionStatusCode.Connected, byLabel["Binance main"].Status.Code);
        Assert.Equal(ConnectionStatusCode.Incomplete, byLabel["HitBTC without payment information"].Status.Code);
        Assert.Contains(byLabel["HitBTC without payment information"].Findings, f => f is { Kind: FindingKind.WalletNotPermitted, Wallet: WalletKind.Funding });
        Assert.Equal(ConnectionStatusCode.Connected, byLabel["HitBTC main"].Status.Code);
        Assert.True(byLabel["Binance main"].Latest!.IsComplete);
        Assert.Equal(
            [WalletKind.Spot, WalletKind.Funding, WalletKind.Earn, WalletKind.Earn, WalletKind.Margin, WalletKind.Margin, WalletKind.Futures, WalletKind.Futures],
            byLabel["Binance main"].Latest!.Wallets.Where(w => w.Outcome == WalletOutcome.Read).Select(w => w.Wallet));
        var margin = Assert.Single(byLabel["Binance main"].Latest!.Holdings, h => h is { Wallet: WalletKind.Margin, Asset: "USDT" });
        Assert.Equal(498.75m + 49.75m, margin.Total);
        var withoutFutures = byLabel["Binance without futures"];
        Assert.Equal(ConnectionStatusCode.Incomplete, withoutFutures.Status.Code);
        var futures = Assert.Single(withoutFutures.Latest!.Missing);
        Assert.Equal((WalletKind.Futures, "USDⓈ-M Futures", WalletOutcome.NotPermitted, "Enable Futures"), (futures.Wallet, futures.AccountName, futures.Outcome, futures.Right));
        Assert.Contains(withoutFutures.Findings, f => f is { Kind: FindingKind.WalletNotPermitted, Wallet: WalletKind.Futures });
    }

    [Fact]
    public async Task The_demo_has_weeks_of_readings_behind_it_with_todays_values_still_the_latest()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false);
        var accounts = harness.Config.Accounts.Where(a => a.Label is "Binance main" or "OKX main" or "Gate main" or "Kraken main" or "HitBTC main" or "Bybit main").ToList();
        var credentials = accounts.Select(a => new KeyCredentials(a.ApiKey, a.Secret, a.Passphrase)).ToList();
        var demo = accounts.Select((a, i) =>
        {
            Assert.True(ExchangeIds.TryParse(a.Exchange, out var exchange));
            return new DemoConnection(new ExchangeEndpoint(exchange.Value), a.Label!, credentials[i]);
        }).ToList();

        var seeded = await harness.Get<DemoSeeder>().SeedAsync("demo-keyfolio-violet-42", demo, CancellationToken.None);
        credentials.ForEach(c => c.Dispose());

        Assert.True(seeded.IsSuccess, seeded.Error?.ToString());
        var now = DateTimeOffset.UtcNow;
        var history = await harness.Portfolio.GetHistoryAsync(now - TimeSpan.FromDays(30), CancellationToken.None);
        Assert.True(history.Count >= DemoHistory.Days, $"{history.Count} points");
        Assert.True(now - history[0].At > TimeSpan.FromDays(DemoHistory.Days - 1), $"The history starts at {history[0].At}.");
        Assert.NotEqual(history[0].UsdValue, history[^1].UsdValue);

        // Today's readings are still each connection's latest, unchanged, and the total is theirs.
        var views = await harness.Connections.ListAsync(vaultLockApplies: false, CancellationToken.None);
        Assert.Equal(seeded.Value.Sum(v => v.TotalUsd), views.Sum(v => v.TotalUsd));
        Assert.Equal(views.Sum(v => v.TotalUsd), history[^1].UsdValue);
        Assert.All(views, v => Assert.True(now - v.Latest!.TakenAt < TimeSpan.FromHours(1)));

        // Most connections date from the start of the history; a later one shows as added within the 30 days.
        Assert.All(views, v => Assert.True(now - v.Connection.CreatedAt > TimeSpan.FromDays(6)));
        var changes = await harness.Portfolio.GetConnectionChangesAsync(now - TimeSpan.FromDays(20), CancellationToken.None);
        Assert.NotEmpty(changes);
        Assert.True(changes.Count < views.Count);
        Assert.All(changes, c => Assert.Equal(Keyfolio.Core.Portfolio.ConnectionChangeKind.Added, c.Kind));
    }
}
