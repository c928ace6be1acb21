using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Core.Tests.Portfolio;

/// <summary>Over real HTTP to the simulator: one wallet failing on one sync keeps every other wallet fresh and its own last value.</summary>
public sealed class WalletFailureTests
{
    [Fact]
    public async Task Okx_savings_failing_on_one_sync_keeps_the_other_wallets_fresh_and_its_last_savings_stale()
    {
        await using var harness = await CoreHarness.StartAsync();
        var added = await harness.AddAsync("OKX main");
        var good = added.Latest!;
        Assert.True(good.IsComplete);
        Assert.Equal(
            [WalletKind.Trading, WalletKind.Funding, WalletKind.Earn, WalletKind.Staking],
            good.Wallets.Select(w => w.Wallet));
        var earnValue = good.Holdings.Where(h => h.Wallet == WalletKind.Earn).Sum(h => h.UsdValue ?? 0m);
        Assert.True(earnValue > 0m);

        harness.Simulator.Control.SetFault(new SimulatorFault { Exchange = "okx", Paths = ["/api/v5/finance/savings/balance"], Maintenance = true });
        var refreshed = await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);

        Assert.Equal(RefreshResult.Refreshed, refreshed.Result);
        var latest = (await harness.Connections.GetAsync("OKX main", vaultLockApplies: false, CancellationToken.None))!.Latest!;
        Assert.NotEqual(good.Id, latest.Id);
        var earn = Assert.Single(latest.Missing);
        Assert.Equal((WalletKind.Earn, WalletOutcome.Failed, "Simple Earn", good.TakenAt), (earn.Wallet, earn.Outcome, earn.AccountName, earn.ValuesFrom));
        Assert.Equal(
            [WalletOutcome.Read, WalletOutcome.Read, WalletOutcome.Failed, WalletOutcome.Read],
            latest.Wallets.Select(w => w.Outcome));
        Assert.All(latest.Holdings, h => Assert.Equal(h.Wallet == WalletKind.Earn, latest.IsStale(h)));
        Assert.Equal(good.TotalUsd, latest.TotalUsd);
        Assert.Equal(earnValue, latest.StaleUsd);
    }

    [Fact]
    public async Task Two_wallets_of_one_kind_failing_together_keep_their_last_holdings_once()
    {
        var config = SimulatorConfig.Demo();
        var binance = config.Accounts.Single(a => a.Label == "Binance main");
        binance.Balances.Add(new SimulatorBalance { Wallet = "earn-flexible", Asset = "USDT", Free = 2000m });
        binance.Balances.Add(new SimulatorBalance { Wallet = "earn-locked", Asset = "ETH", Free = 1.5m });
        await using var harness = await CoreHarness.StartAsync(config: config);
        var added = await harness.AddAsync("Binance main");
        var good = added.Latest!;
        Assert.True(good.IsComplete);
        Assert.Equal(2, good.Wallets.Count(w => w.Wallet == WalletKind.Earn));
        var earnValue = good.Holdings.Where(h => h.Wallet == WalletKind.Earn).Sum(h => h.UsdValue ?? 0m);
        Assert.Equal(2000m + (1.5m * 3200m), earnValue);

        harness.Simulator.Control.SetFault(new SimulatorFault
        {
            Exchange = "binance",
            Paths = ["/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position"],
            Maintenance = true,
        });
        var refreshed = await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);

        Assert.Equal(RefreshResult.Refreshed, refreshed.Result);
        var latest = (await harness.Connections.GetAsync("Binance main", vaultLockApplies: false, CancellationToken.None))!.Latest!;
        Assert.Equal(["Simple Earn Flexible", "Simple Earn Locked"], latest.Missing.Select(w => w.AccountName!));
        Assert.All(latest.Missing, w => Assert.Equal(good.TakenAt, w.ValuesFrom));
        Assert.Equal(2, latest.Holdings.Count(h => h.Wallet == WalletKind.Earn));
        Assert.Equal(good.TotalUsd, latest.TotalUsd);
        Assert.Equal(earnValue, latest.StaleUsd);
    }
}
