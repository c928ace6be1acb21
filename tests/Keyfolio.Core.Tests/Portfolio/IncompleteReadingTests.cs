using System.Globalization;
using Keyfolio.Core.Health;
using Keyfolio.Core.Status;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Portfolio;

/// <summary>
/// A wallet the key may not read, over real HTTP to the simulator: the connection is Incomplete everywhere it is
/// shown (status, value, portfolio tables, CSV, key health), and a wallet failing after a good reading keeps its
/// last good value, marked stale with the time it was read.
/// </summary>
public sealed class IncompleteReadingTests
{
    private const string NoPaymentInformation = "HitBTC without payment information";

    [Fact]
    public async Task A_key_that_may_not_read_a_wallet_makes_the_connection_incomplete_naming_the_right_to_enable()
    {
        await using var harness = await CoreHarness.StartAsync();

        var view = await harness.AddAsync(NoPaymentInformation);

        var account = harness.Account(NoPaymentInformation);
        var read = account.Balances.Where(b => b.Wallet != "wallet").Sum(b => b.Net * harness.Config.Prices[b.Asset]);
        var latest = view.Latest!;
        Assert.False(latest.IsComplete);
        Assert.True(view.IsIncomplete);
        Assert.Equal(read, view.TotalUsd);
        Assert.Equal((1, 2), (latest.WalletsRead, latest.WalletsExpected));
        var funding = Assert.Single(latest.Missing);
        Assert.Equal((WalletKind.Funding, WalletOutcome.NotPermitted, "Payment information", "wallet"), (funding.Wallet, funding.Outcome, funding.Right, funding.AccountName));
        Assert.Equal("1003", funding.Diagnosis?.ExchangeCode);
        Assert.Null(funding.ValuesFrom);

        Assert.Equal(ConnectionStatusCode.Incomplete, view.Status.Code);
        Assert.Contains("1 of 2 wallets read", view.Status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("“Payment information”", view.Status.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("“Payment information”", view.Status.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Contains("资金", view.Status.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);

        var finding = Assert.Single(view.Findings, f => f.Kind == FindingKind.WalletNotPermitted);
        Assert.Equal((FindingSeverity.Warning, WalletKind.Funding), (finding.Severity, finding.Wallet));
        Assert.Contains("cannot read your funding wallet", finding.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("enable “Payment information”", finding.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portfolio_says_which_wallets_are_missing_in_its_totals_tables_and_csv()
    {
        await using var harness = await CoreHarness.StartAsync();
        var healthy = await harness.AddAsync("Binance main");
        var partial = await harness.AddAsync(NoPaymentInformation);

        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);

        Assert.True(summary.IsIncomplete);
        Assert.Equal(healthy.TotalUsd + partial.TotalUsd, summary.TotalUsd);
        Assert.Equal((9, 10), (summary.WalletsRead, summary.WalletsExpected));
        var missing = Assert.Single(summary.Missing);
        Assert.Equal((NoPaymentInformation, ExchangeId.HitBtc, WalletKind.Funding, WalletOutcome.NotPermitted, "Payment information"), (missing.Label, missing.Exchange, missing.Wallet, missing.Outcome, missing.Right));
        Assert.Equal(DiagnosisCategory.MissingPermission, missing.Category);
        Assert.True(Assert.Single(summary.ByExchange, e => e.Exchange == ExchangeId.HitBtc).Incomplete);
        Assert.False(Assert.Single(summary.ByExchange, e => e.Exchange == ExchangeId.Binance).Incomplete);
        var position = Assert.Single(summary.ByConnection, c => c.Label == NoPaymentInformation);
        Assert.Equal((true, 1, 2), (position.Incomplete, position.WalletsRead, position.WalletsExpected));
        Assert.False(Assert.Single(summary.ByConnection, c => c.Label == "Binance main").Incomplete);

        // Over time: complete while only the healthy key was counted, a lower bound once the partial reading is.
        var history = await harness.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, CancellationToken.None);
        Assert.False(history[0].Incomplete);
        Assert.True(history[^1].Incomplete);
        Assert.Equal(summary.TotalUsd, history[^1].UsdValue);

        // By wallet: each exchange's wallets, the one not read counted as missing with nothing in it.
        Assert.Equal(
            [(ExchangeId.Binance, WalletKind.Spot, 0), (ExchangeId.Binance, WalletKind.Funding, 0), (ExchangeId.Binance, WalletKind.Margin, 0), (ExchangeId.Binance, WalletKind.Futures, 0),
             (ExchangeId.Binance, WalletKind.Earn, 0), (ExchangeId.HitBtc, WalletKind.Spot, 0), (ExchangeId.HitBtc, WalletKind.Funding, 1)],
            summary.ByWallet.Select(w => (w.Exchange, w.Wallet, w.Missing)));
        Assert.Equal(0m, summary.ByWallet.Single(w => w is { Exchange: ExchangeId.HitBtc, Wallet: WalletKind.Funding }).UsdValue);
        Assert.Equal(summary.TotalUsd, summary.ByWallet.Sum(w => w.UsdValue));
        Assert.Equal(300m, summary.ByWallet.Single(w => w is { Exchange: ExchangeId.Binance, Wallet: WalletKind.Funding }).UsdValue);

        using var writer = new StringWriter();
        await harness.Portfolio.WriteCsvAsync(writer, CancellationToken.None);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.EndsWith(",stale,exchange_wallet,wallet_status,wallet_read_at_utc,reason,sub_account", lines[0], StringComparison.Ordinal);
        var unread = Assert.Single(lines, l => l.Contains(",not_permitted,", StringComparison.Ordinal));
        Assert.StartsWith(NoPaymentInformation + ",hitbtc,funding,,,,,,,,", unread, StringComparison.Ordinal);
        Assert.Contains("“Payment information”", unread, StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Where(l => l != unread), l => Assert.Contains(",read,", l, StringComparison.Ordinal));
        Assert.Equal(1 + 11 + 1 + 1, lines.Count);
    }

    [Fact]
    public async Task A_wallet_failing_after_a_good_reading_keeps_its_last_value_marked_stale_with_the_time_it_was_read()
    {
        await using var harness = await CoreHarness.StartAsync();
        var account = harness.Account("HitBTC main");
        var added = await harness.AddAsync("HitBTC main");
        var good = added.Latest!;
        Assert.True(good.IsComplete);
        var fundingValue = good.Holdings.Where(h => h.Wallet == WalletKind.Funding).Sum(h => h.UsdValue ?? 0m);
        Assert.True(fundingValue > 0m);

        // The key loses "Payment information": two syncs read the trading balance and not the wallet.
        harness.Simulator.Control.SetPermissions("hitbtc", account.ApiKey, ["read"]);
        var first = await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);
        var second = await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);

        Assert.Equal((RefreshResult.Refreshed, RefreshResult.Refreshed), (first.Result, second.Result));
        var view = (await harness.Connections.GetAsync("HitBTC main", vaultLockApplies: false, CancellationToken.None))!;
        var latest = view.Latest!;
        Assert.False(latest.IsComplete);
        Assert.Equal(ConnectionStatusCode.Incomplete, view.Status.Code);
        var funding = Assert.Single(latest.Missing);
        Assert.Equal(WalletOutcome.NotPermitted, funding.Outcome);
        Assert.Equal(good.TakenAt, funding.ValuesFrom);
        Assert.Equal(
            good.Holdings.Where(h => h.Wallet == WalletKind.Funding).Select(h => (h.Asset, h.Total)),
            latest.Holdings.Where(h => h.Wallet == WalletKind.Funding).Select(h => (h.Asset, h.Total)));
        Assert.All(latest.Holdings, h => Assert.Equal(h.Wallet == WalletKind.Funding, latest.IsStale(h)));
        Assert.Equal(good.TotalUsd, latest.TotalUsd);
        Assert.Equal(fundingValue, latest.StaleUsd);
        Assert.False(view.IsStale);
        Assert.Contains(good.TakenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), view.Status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);

        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);
        Assert.Equal(fundingValue, summary.StaleUsd);
        Assert.Equal((fundingValue, good.TakenAt), (Assert.Single(summary.Missing).StaleUsd, summary.Missing[0].ValuesFrom));
        Assert.True(summary.ByWallet.Single(w => w.Wallet == WalletKind.Funding).IncludesStale);
        Assert.False(summary.ByWallet.Single(w => w.Wallet == WalletKind.Spot).IncludesStale);
        Assert.True(summary.ByAsset.Single(a => a.Asset == "USDT").IncludesStale);
        Assert.False(summary.ByAsset.Single(a => a.Asset == "BTC").IncludesStale);

        // The right given back, the wallet is read afresh and nothing is stale or missing any more.
        harness.Simulator.Control.SetPermissions("hitbtc", account.ApiKey, ["read", "transfer"]);
        await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);
        var healed = (await harness.Connections.GetAsync("HitBTC main", vaultLockApplies: false, CancellationToken.None))!;
        Assert.True(healed.Latest!.IsComplete);
        Assert.Equal(0m, healed.Latest.StaleUsd);
        Assert.All(healed.Latest.Wallets, w => Assert.Null(w.ValuesFrom));
        Assert.Equal(ConnectionStatusCode.Connected, healed.Status.Code);
    }

    [Fact]
    public async Task A_binance_key_without_enable_futures_is_incomplete_naming_the_right_and_its_futures_count_as_missing()
    {
        await using var harness = await CoreHarness.StartAsync();
        var account = harness.Account("Binance without futures");

        var view = await harness.AddAsync("Binance without futures");
        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);

        Assert.Equal(ConnectionStatusCode.Incomplete, view.Status.Code);
        Assert.Contains("2 of 3 wallets read", view.Status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(account.Balances.Where(b => b.Wallet == "spot").Sum(b => b.Net * harness.Config.Prices[b.Asset]), view.TotalUsd);
        var missing = Assert.Single(view.Latest!.Missing);
        Assert.Equal((WalletKind.Futures, "USDⓈ-M Futures", "Enable Futures"), (missing.Wallet, missing.AccountName, missing.Right));
        Assert.Equal(WalletOutcome.NotOpened, Assert.Single(view.Latest.Wallets, w => w.AccountName == "COIN-M Futures").Outcome);
        Assert.Contains(view.Findings, f => f is { Kind: FindingKind.WalletNotPermitted, Wallet: WalletKind.Futures } && f.Fix.For(CultureInfo.GetCultureInfo("en")).Contains("Enable Futures", StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(summary.ByWallet, w => w is { Exchange: ExchangeId.Binance, Wallet: WalletKind.Futures }).Missing);
    }
}
