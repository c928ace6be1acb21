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
}
