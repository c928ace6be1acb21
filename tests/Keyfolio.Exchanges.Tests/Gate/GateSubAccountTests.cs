using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Gate;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Gate;

/// <summary>Gate sub-accounts: the docs' examples (sources in the fixtures' .source.txt), then real HTTP against the
/// simulated Gate with a main account's key and a sub-account's own key.</summary>
public sealed class GateSubAccountTests
{
    [Fact]
    public void The_list_names_each_sub_account_by_its_user_id_with_its_login_name_and_remark_a_locked_one_frozen()
    {
        var listed = GateResponses.SubAccounts(TestData.FixtureJson("gate", "sub_accounts_GET_api_v4_sub_accounts.json"));
        var locked = GateResponses.SubAccounts(TestData.Json("""[{"remark":"","login_name":"bot_2","user_id":10002,"state":2,"type":3,"create_time":1}]"""));

        Assert.Equal(new SubAccount("10001", "sub_account_for_trades (remark)", false), Assert.Single(listed));
        Assert.Equal(new SubAccount("10002", "bot_2", true), Assert.Single(locked));
    }

    [Fact]
    public void Spot_balances_are_the_available_and_the_locking_amounts_of_the_sub_accounts_row()
    {
        var example = GateResponses.SubAccountSpot(TestData.FixtureJson("gate", "sub_account_balances_GET_api_v4_wallet_sub_account_balances.json"), "10003");
        var withLocking = GateResponses.SubAccountSpot(TestData.Json("""[{"uid":"7","available":{"USDT":"10"},"locking":{"USDT":"2.5","BTC":"0.1"}}]"""), "7");
        var absent = GateResponses.SubAccountSpot(TestData.FixtureJson("gate", "sub_account_balances_GET_api_v4_wallet_sub_account_balances.json"), "10004");

        Assert.Equal([("BTC", 0.1m, 0m, 0.1m), ("GT", 2000m, 0m, 2000m), ("USDT", 10m, 0m, 10m)], example!.Select(b => (b.Asset, b.Free, b.Locked, b.Total)));
        Assert.Equal([("USDT", 10m, 2.5m, 12.5m), ("BTC", 0m, 0.1m, 0.1m)], withLocking!.Select(b => (b.Asset, b.Free, b.Locked, b.Total)));
        Assert.All(example!, b => Assert.Equal(WalletKind.Spot, b.Wallet));
        Assert.Null(absent);
    }

    [Fact]
    public void Isolated_margin_counts_each_side_net_of_its_loan_and_a_sub_account_without_pairs_never_opened_it()
    {
        var margin = GateResponses.SubAccountMargin(TestData.FixtureJson("gate", "sub_account_margin_balances_GET_api_v4_wallet_sub_account_margin_balances.json"), "10000");
        var loan = GateResponses.SubAccountMargin(TestData.Json(
            """[{"uid":"8","available":[{"currency_pair":"ETH_USDT","account_type":"mmr","base":{"currency":"ETH","available":"3","locked":"1","borrowed":"2","interest":"0.01"},"quote":{"currency":"USDT","available":"0","locked":"0","borrowed":"0","interest":"0"}}]}]"""), "8");
        var none = GateResponses.SubAccountMargin(TestData.Json("""[{"uid":"8","available":[]}]"""), "8");

        Assert.Equal([("BTC", 0.1m), ("USDT", 0m)], margin!.Select(b => (b.Asset, b.Total)));
        Assert.Equal((WalletKind.Margin, 3m, 1m, 1.99m), (loan![0].Wallet, loan[0].Free, loan[0].Locked, loan[0].Total));
        Assert.Null(none);
    }

    [Fact]
    public void Futures_count_the_total_with_the_unrealised_pnl_per_settlement_currency_from_the_examples_nested_list()
    {
        var fixture = TestData.FixtureJson("gate", "sub_account_futures_balances_GET_api_v4_wallet_sub_account_futures_balances.json");
        var pnl = TestData.Json("""[{"uid":"9","available":{"usdt":{"currency":"USDT","total":"1000","unrealised_pnl":"-30","available":"800","order_margin":"200"}}}]""");

        var usdt = GateResponses.SubAccountFutures(fixture, "10003", "usdt");
        var btc = GateResponses.SubAccountFutures(fixture, "10003", "btc");
        var usd = GateResponses.SubAccountFutures(fixture, "10003", "usd");
        var open = GateResponses.SubAccountFutures(pnl, "9", "usdt");

        Assert.Equal((WalletKind.Futures, "USDT", 0.000000005m), (Assert.Single(usdt!).Wallet, usdt![0].Asset, usdt[0].Total));
        Assert.Equal(("BTC", 0.0009m), (Assert.Single(btc!).Asset, btc![0].Total));
        Assert.Null(usd);
        Assert.Equal((800m, 200m, 970m), (open![0].Free, open[0].Locked, open[0].Total));
        Assert.Null(GateResponses.SubAccountFutures(pnl, "9", "btc"));
    }

    [Fact]
    public void Cross_margin_counts_each_currency_net_of_its_loan_never_the_usdt_totals_and_user_id_zero_never_opened_it()
    {
        var example = GateResponses.SubAccountCrossMargin(TestData.FixtureJson("gate", "sub_account_cross_margin_balances_GET_api_v4_wallet_sub_account_cross_margin_balances.json"), "100000");
        var loan = GateResponses.SubAccountCrossMargin(TestData.Json(
            """[{"uid":"5","available":{"user_id":5,"total":"99999","net":"99999","total_margin_balance":"99999","balances":{"BTC":{"available":"1","freeze":"0.5","borrowed":"0.2","interest":"0.01"}}}}]"""), "5");
        var never = GateResponses.SubAccountCrossMargin(TestData.Json("""[{"uid":"5","available":{"user_id":0,"balances":{}}}]"""), "5");

        Assert.Equal(new AssetBalance(WalletKind.Margin, "USDT", "USDT", 20m, 0m, 20m), Assert.Single(example!));
        Assert.Equal(("BTC", 1m, 0.5m, 1.29m), (Assert.Single(loan!).Asset, loan![0].Free, loan[0].Locked, loan[0].Total));
        Assert.Null(never);
    }

    [Fact]
    public void The_descriptor_says_which_wallets_of_a_sub_account_are_read_and_the_right_assumed()
    {
        var reading = GateDescriptor.Instance.SubAccounts;

        Assert.NotNull(reading);
        Assert.Equal([WalletKind.Spot, WalletKind.Margin, WalletKind.Futures], reading.Wallets);
        Assert.Equal("Wallet (wallet): Read only", reading.Right);
    }

    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartAsync(string label, bool subAccountKey = false)
    {
        var key = TestKey.For(ExchangeId.Gate, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8300, [Balance("spot", "BTC", "0.5")]);
            if (subAccountKey)
            {
                simulated["mainUid"] = "8399";
            }
            else
            {
                var margin = Balance("margin", "ETH", "3", "1");
                margin["borrowed"] = "2";
                margin["interest"] = "0.01";
                var futures = Balance("futures", "USDT", "800", "200");
                futures["unrealisedPnl"] = "-30";
                var cross = Balance("cross-margin", "USDT", "150", "10");
                cross["borrowed"] = "20";
                cross["interest"] = "0.5";
                simulated["subAccounts"] = new JsonArray(
                    new JsonObject { ["name"] = "desk_01", ["label"] = "Trading desk", ["uid"] = "83001", ["balances"] = new JsonArray(Balance("spot", "ETH", "2", "0.5"), margin, futures, cross) },
                    new JsonObject { ["name"] = "savings_01", ["uid"] = "83002", ["frozen"] = true, ["balances"] = new JsonArray(Balance("spot", "BTC", "0.25")) });
            }

            config["accounts"]!.AsArray().Add(simulated);
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate), key.Credentials(), "gate/" + label));
    }

    [Fact]
    public async Task A_main_key_lists_its_sub_accounts_of_every_type_by_user_id_a_locked_one_frozen()
    {
        var (exchanges, account) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([new SubAccount("83001", "desk_01 (Trading desk)", false), new SubAccount("83002", "savings_01", true)], result.Value);
        Assert.Single(exchanges.Observer.Completed, c => c.Call.Path == "/api/v4/sub_accounts");
    }

    [Fact]
    public async Task Included_sub_accounts_are_read_with_the_main_accounts_wallets_net_of_loans_with_unrealised_pnl()
    {
        var (exchanges, main) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(main with { SubAccounts = ["83001", "83002"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [
                ("83001", WalletKind.Spot, "ETH", 2.5m), ("83001", WalletKind.Margin, "ETH", 1.99m), ("83001", WalletKind.Margin, "USDT", 0m),
                ("83001", WalletKind.Margin, "USDT", 139.5m), ("83001", WalletKind.Futures, "USDT", 970m),
                ("83002", WalletKind.Spot, "BTC", 0.25m),
            ],
            result.Value.Balances.Where(b => b.SubAccount is not null).Select(b => (b.SubAccount!, b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            [
                ("83001", "Spot account", WalletOutcome.Read), ("83001", "Isolated margin", WalletOutcome.Read), ("83001", "Cross margin", WalletOutcome.Read),
                ("83001", "USDT perpetual futures", WalletOutcome.Read), ("83001", "BTC perpetual futures", WalletOutcome.NotOpened),
                ("83002", "Spot account", WalletOutcome.Read), ("83002", "Isolated margin", WalletOutcome.NotOpened), ("83002", "Cross margin", WalletOutcome.NotOpened),
                ("83002", "USDT perpetual futures", WalletOutcome.NotOpened), ("83002", "BTC perpetual futures", WalletOutcome.NotOpened),
            ],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.AccountName!, w.Outcome)));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances, b => b.SubAccount is null && b.Wallet == WalletKind.Spot).Total);
        Assert.Equal(4, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v4/wallet/sub_account_futures_balances"));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v4/wallet/sub_account_balances"));
    }

    [Fact]
    public async Task A_uid_of_no_sub_account_of_the_main_account_leaves_the_reading_incomplete_never_a_silent_partial_sum()
    {
        var (exchanges, main) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(main with { SubAccounts = ["83001", "99999"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var gone = result.Value.Wallets.Where(w => w.SubAccount == "99999").ToList();
        Assert.Equal([WalletKind.Spot, WalletKind.Margin, WalletKind.Futures], gone.Select(w => w.Wallet));
        Assert.All(gone, w => Assert.Equal((WalletOutcome.NotPermitted, GateErrors.SubAccountNotFound, "Wallet (wallet): Read only"), (w.Outcome, w.Failure!.ExchangeCode, w.Right)));
        Assert.Contains(result.Value.Balances, b => b.SubAccount == "83001");
    }

    [Fact]
    public async Task A_sub_accounts_own_key_is_refused_on_the_list_as_a_missing_right_and_its_own_balances_still_read()
    {
        var (exchanges, account) = await StartAsync("sub-key", subAccountKey: true);
        await using var owned = exchanges;

        var list = await exchanges[ExchangeId.Gate].GetSubAccountsAsync(account, CancellationToken.None);
        var balances = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.False(list.IsSuccess);
        Assert.Equal(("FORBIDDEN", DiagnosisCategory.MissingPermission), (list.Diagnosis.ExchangeCode, list.Diagnosis.Category));
        Assert.True(balances.IsSuccess, balances.ToString());
        Assert.Equal(0.5m, Assert.Single(balances.Value.Balances, b => b.Wallet == WalletKind.Spot).Total);
    }
}
