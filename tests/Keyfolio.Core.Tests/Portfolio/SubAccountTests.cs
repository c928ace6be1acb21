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
        // Spot, USDⓈ-M and COIN-M futures and cross margin, all read; futures and margin count net of what is owed.
        Assert.Equal((Desk, Value(harness, desk), false, 4, 4), (subRow.SubAccount, subRow.UsdValue, subRow.Incomplete, subRow.WalletsRead, subRow.WalletsExpected));
        Assert.Equal(row.UsdValue, row.MainUsd + subRow.UsdValue);
        Assert.Equal(summary.TotalUsd, summary.ByWallet.Sum(w => w.UsdValue));

        // The holdings keep their sub-account through storage, and the CSV names it.
        var latest = (await harness.Connections.GetAsync(Master, vaultLockApplies: false, CancellationToken.None))!.Latest!;
        Assert.Equal([Desk], latest.SubAccounts);
        Assert.Equal(
            ["Futures USDT", "Margin ETH", "Spot ETH", "Spot USDT"],
            latest.Holdings.Where(h => h.SubAccount == Desk).Select(h => $"{h.Wallet} {h.Asset}").Order(StringComparer.Ordinal));
        using var writer = new StringWriter();
        await harness.Portfolio.WriteCsvAsync(writer, CancellationToken.None);
        Assert.Equal(4, writer.ToString().Split('\n').Count(l => l.TrimEnd('\r').EndsWith("," + Desk, StringComparison.Ordinal)));

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
        // Nothing of the sub-account can be read now: each wallet kind read of it is missing, its spot value kept stale.
        Assert.Equal(
            [(Master, Savings, WalletKind.Spot, WalletOutcome.NotPermitted), (Master, Savings, WalletKind.Futures, WalletOutcome.NotPermitted), (Master, Savings, WalletKind.Margin, WalletOutcome.NotPermitted)],
            summary.Missing.Select(m => (m.Label, m.SubAccount, m.Wallet, m.Outcome)));
        Assert.True(summary.Missing[0].StaleUsd > 0m);
        Assert.Equal(complete.TotalUsd, summary.TotalUsd);
        var row = Assert.Single(summary.ByConnection, c => c.Label == Master);
        Assert.True(row.Incomplete);
        var sub = Assert.Single(row.SubAccounts);
        Assert.Equal((true, true, 0, 3), (sub.Incomplete, sub.IncludesStale, sub.WalletsRead, sub.WalletsExpected));
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
        await harness.AddAsync("Bybit main");

        var unknown = await harness.Sync.SetSubAccountIncludedAsync(Master, "someone@example.com", included: true, CancellationToken.None);
        var bybit = await harness.Sync.GetSubAccountsAsync("Bybit main", CancellationToken.None);
        var bybitNow = await harness.Sync.ListSubAccountsNowAsync("Bybit main", CancellationToken.None);

        Assert.Equal(CoreErrorKind.ConnectionNotFound, unknown.Error?.Kind);
        Assert.Empty(bybit.Value!.SubAccounts);
        Assert.Equal(CoreErrorKind.BadInput, bybitNow.Error?.Kind);
    }

    [Fact]
    public async Task An_export_carries_the_sub_account_choices_and_the_import_reads_the_included_one_again()
    {
        await using var source = await CoreHarness.StartAsync();
        var view = await source.AddAsync(Master);
        await source.Sync.RefreshAsync(view.Connection.Id, CancellationToken.None);
        Assert.True((await source.Sync.SetSubAccountIncludedAsync(Master, Desk, included: true, CancellationToken.None)).IsSuccess);
        var exported = (await source.Sync.GetSubAccountsAsync(Master, CancellationToken.None)).Value!;
        var file = await source.Transfer.ExportAsync(CoreHarness.Password, "export-granite-meadow-17", CancellationToken.None);
        Assert.True(file.IsSuccess, file.Error?.ToString());

        await using var target = await CoreHarness.StartAsync();
        var imported = await target.Transfer.ImportAsync(file.Value, "export-granite-meadow-17", CancellationToken.None);

        Assert.Equal([Master], imported.Value!.Added);
        var list = (await target.Sync.GetSubAccountsAsync(Master, CancellationToken.None)).Value!;
        Assert.Equal(exported.ListedAt, list.ListedAt);
        Assert.Equal(
            exported.SubAccounts.Select(s => (s.Id, s.Note, s.Included, s.Listed, s.FirstListedAt)),
            list.SubAccounts.Select(s => (s.Id, s.Note, s.Included, s.Listed, s.FirstListedAt)));
        Assert.Equal([Desk], list.Included);

        // The imported connection reads the included sub-account at its first refresh, as the exported one did.
        var connection = (await target.Connections.GetAsync(Master, vaultLockApplies: false, CancellationToken.None))!.Connection;
        await target.Sync.RefreshAsync(connection.Id, CancellationToken.None);
        var row = Assert.Single((await target.Portfolio.GetAsync(CancellationToken.None)).ByConnection, c => c.Label == Master);
        var desk = target.Account(Master).SubAccounts.Single(s => s.Name == Desk);
        Assert.Equal((Desk, Value(target, desk)), (Assert.Single(row.SubAccounts).SubAccount, row.SubAccounts[0].UsdValue));
    }
}
