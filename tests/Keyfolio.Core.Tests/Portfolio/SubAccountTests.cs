using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Core.Tests.Portfolio;

/// <summary>
/// Sub-accounts of a Binance master account, over real HTTP to the simulator: a refresh lists them, none included;
/// an included one is valued as its own row under the master connection and counts in every total; one that can no
/// longer be read leaves the connection Incomplete with its last good values kept, stale — never a silent partial sum.
/// </summary>
public sealed class SubAccountTests
{
    private const string Master = "Binance main";
    private const string Desk = "trading-desk@keyfolio-demo.example";
    private const string Savings = "savings@keyfolio-demo.example";

    private static decimal Value(CoreHarness harness, SimulatorSubAccount sub) =>
        sub.Balances.Sum(b => b.Net * harness.Config.Prices[b.Asset]);

    [Fact]
    public async Task A_refresh_lists_the_sub_accounts_and_an_included_one_is_its_own_row_counted_in_the_total()
    {
        await using var harness = await CoreHarness.StartAsync();
        var view = await harness.AddAsync(Master);
        var before = (await harness.Portfolio.GetAsync(CancellationToken.None)).TotalUsd;

        var unlisted = await harness.Sync.GetSubAccountsAsync(Master, CancellationToken.None);
        await harness.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);
        var listed = await harness.Sync.GetSubAccountsAsync(Master, CancellationToken.None);

        Assert.True(unlisted.IsSuccess, unlisted.Error?.ToString());
        Assert.Null(unlisted.Value.ListedAt);
        Assert.True(listed.IsSuccess, listed.Error?.ToString());
        Assert.NotNull(listed.Value.ListedAt);
        Assert.Null(listed.Value.Refusal);
        Assert.Equal([(Savings, "Savings", false), (Desk, "Trading desk", false)], listed.Value.SubAccounts.Select(s => (s.Id, s.Note, s.Included)));
        Assert.Equal(before, (await harness.Portfolio.GetAsync(CancellationToken.None)).TotalUsd);

        var included = await harness.Sync.SetSubAccountIncludedAsync(Master, Desk, included: true, CancellationToken.None);

        Assert.True(included.IsSuccess, included.Error?.ToString());
        Assert.Equal([Desk], included.Value.Included);
        var desk = harness.Account(Master).SubAccounts.Single(s => s.Name == Desk);
        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);
        Assert.Equal(before + Value(harness, desk), summary.TotalUsd);
        Assert.False(summary.IsIncomplete);
        var row = Assert.Single(summary.ByConnection, c => c.Label == Master);
        Assert.Equal(before, row.MainUsd);
        var subRow = Assert.Single(row.SubAccounts);
        Assert.Equal((Desk, Value(harness, desk), false, 1, 1), (subRow.SubAccount, subRow.UsdValue, subRow.Incomplete, subRow.WalletsRead, subRow.WalletsExpected));
        Assert.Equal(row.UsdValue, row.MainUsd + subRow.UsdValue);
        Assert.Equal(summary.TotalUsd, summary.ByWallet.Sum(w => w.UsdValue));

        // The holdings keep their sub-account through storage, and the CSV names it.
        var latest = (await harness.Connections.GetAsync(Master, vaultLockApplies: false, CancellationToken.None))!.Latest!;
        Assert.Equal([Desk], latest.SubAccounts);
        Assert.Equal(["ETH", "USDT"], latest.Holdings.Where(h => h.SubAccount == Desk).Select(h => h.Asset));
        using var writer = new StringWriter();
        await harness.Portfolio.WriteCsvAsync(writer, CancellationToken.None);
        Assert.Equal(2, writer.ToString().Split('\n').Count(l => l.TrimEnd('\r').EndsWith("," + Desk, StringComparison.Ordinal)));

        var excluded = await harness.Sync.SetSubAccountIncludedAsync(Master, Desk, included: false, CancellationToken.None);
        Assert.True(excluded.IsSuccess, excluded.Error?.ToString());
        Assert.Equal(before, (await harness.Portfolio.GetAsync(CancellationToken.None)).TotalUsd);
    }

    [Fact]
    public async Task An_included_sub_account_that_can_no_longer_be_read_makes_the_connection_incomplete_and_keeps_its_last_values_stale()
    {
        var config = SimulatorConfig.Demo();
        await using var harness = await CoreHarness.StartAsync(config: config);
        var view = await harness.AddAsync(Master);
        await harness.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);
        Assert.True((await harness.Sync.SetSubAccountIncludedAsync(Master, Savings, included: true, CancellationToken.None)).IsSuccess);
        var complete = await harness.Portfolio.GetAsync(CancellationToken.None);

        // The master removes the sub-account on Binance: reading it is refused from now on.
        var master = config.Accounts.Single(a => a.Label == Master);
        master.SubAccounts.Remove(master.SubAccounts.Single(s => s.Name == Savings));
        var refreshed = await harness.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);

        Assert.Equal(Keyfolio.Core.Sync.RefreshResult.Refreshed, refreshed.Result);
        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);
        Assert.True(summary.IsIncomplete);
        var missing = Assert.Single(summary.Missing);
        Assert.Equal((Master, Savings, WalletKind.Spot, WalletOutcome.NotPermitted), (missing.Label, missing.SubAccount, missing.Wallet, missing.Outcome));
        Assert.True(missing.StaleUsd > 0m);
        Assert.Equal(complete.TotalUsd, summary.TotalUsd);
        var row = Assert.Single(summary.ByConnection, c => c.Label == Master);
        Assert.True(row.Incomplete);
        var sub = Assert.Single(row.SubAccounts);
        Assert.Equal((true, true, 0, 1), (sub.Incomplete, sub.IncludesStale, sub.WalletsRead, sub.WalletsExpected));
        var status = (await harness.Connections.GetAsync(Master, vaultLockApplies: false, CancellationToken.None))!.Status;
        Assert.Equal(ConnectionStatusCode.Incomplete, status.Code);
        var list = await harness.Sync.GetSubAccountsAsync(Master, CancellationToken.None);
        Assert.False(Assert.Single(list.Value!.SubAccounts, s => s.Id == Savings).Listed);
    }

    [Fact]
    public async Task An_okx_sub_account_is_read_with_its_trading_and_funding_accounts_as_its_own_row()
    {
        await using var harness = await CoreHarness.StartAsync();
        var view = await harness.AddAsync("OKX main");
        var before = view.TotalUsd;
        await harness.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);

        var included = await harness.Sync.SetSubAccountIncludedAsync("OKX main", "KeyfolioBot1", included: true, CancellationToken.None);

        Assert.True(included.IsSuccess, included.Error?.ToString());
        Assert.Equal([("KeyfolioBot1", "Grid bot", true)], included.Value.SubAccounts.Select(s => (s.Id, s.Note, s.Included)));
        var bot = harness.Account("OKX main").SubAccounts.Single();
        var summary = await harness.Portfolio.GetAsync(CancellationToken.None);
        var row = Assert.Single(summary.ByConnection);
        var sub = Assert.Single(row.SubAccounts);
        Assert.Equal(("KeyfolioBot1", Value(harness, bot), 2, 2), (sub.SubAccount, sub.UsdValue, sub.WalletsRead, sub.WalletsExpected));
        Assert.Equal(before + Value(harness, bot), summary.TotalUsd);
        var latest = (await harness.Connections.GetAsync("OKX main", vaultLockApplies: false, CancellationToken.None))!.Latest!;
        Assert.Equal(
            [(WalletKind.Trading, "USDT"), (WalletKind.Funding, "ETH")],
            latest.Holdings.Where(h => h.SubAccount == "KeyfolioBot1").Select(h => (h.Wallet, h.Asset)).OrderByDescending(h => h.Wallet == WalletKind.Trading));
    }

    [Fact]
    public async Task A_sub_accounts_own_key_reads_its_balances_and_the_list_records_binances_refusal()
    {
        var config = SimulatorConfig.Demo();
        config.Accounts.Single(a => a.Label == Master).MainUid = "100000001";
        await using var harness = await CoreHarness.StartAsync(config: config);
        var view = await harness.AddAsync(Master);

        var refreshed = await harness.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);
        var list = await harness.Sync.GetSubAccountsAsync(Master, CancellationToken.None);

        Assert.Equal(Keyfolio.Core.Sync.RefreshResult.Refreshed, refreshed.Result);
        Assert.True(list.IsSuccess, list.Error?.ToString());
        Assert.Empty(list.Value.SubAccounts);
        Assert.NotNull(list.Value.ListedAt);
        Assert.Equal(("-1002", DiagnosisCategory.MissingPermission), (list.Value.Refusal?.ExchangeCode, list.Value.Refusal?.Category));
        Assert.False((await harness.Portfolio.GetAsync(CancellationToken.None)).IsIncomplete);
    }

    [Fact]
    public async Task Only_a_listed_sub_account_can_be_included_and_an_exchange_without_sub_accounts_has_none()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync(Master);
        await harness.AddAsync("Gate main");

        var unknown = await harness.Sync.SetSubAccountIncludedAsync(Master, "someone@example.com", included: true, CancellationToken.None);
        var gate = await harness.Sync.GetSubAccountsAsync("Gate main", CancellationToken.None);
        var gateNow = await harness.Sync.ListSubAccountsNowAsync("Gate main", CancellationToken.None);

        Assert.Equal(CoreErrorKind.ConnectionNotFound, unknown.Error?.Kind);
        Assert.Empty(gate.Value!.SubAccounts);
        Assert.Equal(CoreErrorKind.BadInput, gateNow.Error?.Kind);
    }
}
