using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Htx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Htx;

/// <summary>HTX sub-users: the docs' examples (sources in the fixtures' .source.txt), then real HTTP against the simulated
/// HTX with a parent account's key and a sub-user's own key.</summary>
public sealed class HtxSubAccountTests
{
    [Fact]
    public void The_sub_user_list_names_each_by_its_uid_a_locked_one_frozen()
    {
        var (subs, next) = HtxResponses.SubUsers(TestData.FixtureJson("htx", "subuser_list_GET_v2_sub-user_user-list.json"));
        var (locked, more) = HtxResponses.SubUsers(TestData.Json("""{"code":200,"data":[{"uid":7,"userState":"lock"}],"nextId":8}"""));

        Assert.Equal([new SubAccount("63628520", null, false), new SubAccount("132208121", null, false)], subs);
        Assert.Null(next);
        Assert.Equal((new SubAccount("7", null, true), "8"), (Assert.Single(locked), more));
    }

    [Fact]
    public void A_sub_users_accounts_are_read_by_type_each_row_counted_as_the_parents_own()
    {
        var accounts = HtxResponses.SubUserAccounts(TestData.FixtureJson("htx", "subuser_accounts_GET_v1_account_accounts_sub-uid.json"));

        Assert.Equal(["spot", "point"], accounts.Select(a => a.Type));
        Assert.Equal(new AssetBalance(WalletKind.Spot, "USDT", "usdt", 8.0855916572m, 0m, 8.0855916572m), Assert.Single(accounts[0].Balances));
        Assert.Equal((WalletKind.Funding, "HBPOINT", 10m), (accounts[1].Balances[0].Wallet, accounts[1].Balances[0].Asset, accounts[1].Balances[0].Total));
    }

    [Fact]
    public void A_sub_users_margin_counts_net_of_its_loan_and_interest_rows()
    {
        var accounts = HtxResponses.SubUserAccounts(TestData.Json(
            """{"status":"ok","data":[{"id":1,"type":"super-margin","state":"working","list":[{"currency":"usdt","type":"trade","balance":"500"},{"currency":"usdt","type":"loan","balance":"-120"},{"currency":"usdt","type":"interest","balance":"-0.5"}]}]}"""));

        var usdt = Assert.Single(Assert.Single(accounts).Balances);
        Assert.Equal((WalletKind.Margin, 500m, 379.5m), (usdt.Wallet, usdt.Free, usdt.Total));
    }

    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartAsync(string label, bool subAccountKey = false, int subUsers = 0)
    {
        var key = TestKey.For(ExchangeId.Htx, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8600, [Balance("spot", "BTC", "0.5")]);
            if (subAccountKey)
            {
                simulated["mainUid"] = "8699";
            }
            else
            {
                var margin = Balance("super-margin", "USDT", "500");
                margin["borrowed"] = "120";
                var subs = new JsonArray(
                    new JsonObject { ["name"] = "desk01", ["uid"] = "86001", ["balances"] = new JsonArray(Balance("spot", "ETH", "2", "0.5"), margin, Balance("otc", "USDT", "40")) },
                    new JsonObject { ["name"] = "savings01", ["uid"] = "86002", ["frozen"] = true, ["balances"] = new JsonArray(Balance("spot", "BTC", "0.25")) });
                for (var i = 0; i < subUsers; i++)
                {
                    subs.Add(new JsonObject { ["name"] = "bulk" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["uid"] = (87000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }

                simulated["subAccounts"] = subs;
            }

            config["accounts"]!.AsArray().Add(simulated);
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Htx), key.Credentials(), "htx/" + label));
    }

    [Fact]
    public void The_descriptor_says_which_wallets_of_a_sub_user_are_read_and_the_right_needed()
    {
        var reading = HtxDescriptor.Instance.SubAccounts;

        Assert.NotNull(reading);
        Assert.Equal([WalletKind.Spot, WalletKind.Margin, WalletKind.Funding], reading.Wallets);
        Assert.Equal("Read-only", reading.Right);
    }

    [Fact]
    public async Task A_parent_key_lists_its_sub_users_by_uid_page_by_page_a_locked_one_frozen()
    {
        var (exchanges, account) = await StartAsync("parent", subUsers: 150);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Htx].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(152, result.Value.Count);
        Assert.Equal([new SubAccount("86001", null, false), new SubAccount("86002", null, true)], result.Value.Take(2));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/v2/sub-user/user-list"));
    }

    [Fact]
    public async Task Included_sub_users_are_read_with_the_parents_wallets_each_account_type_it_lacks_not_opened()
    {
        var (exchanges, parent) = await StartAsync("parent");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Htx].GetBalancesAsync(parent with { SubAccounts = ["86001", "86002"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [
                ("86001", WalletKind.Spot, "ETH", 2.5m), ("86001", WalletKind.Funding, "USDT", 40m), ("86001", WalletKind.Margin, "USDT", 380m),
                ("86002", WalletKind.Spot, "BTC", 0.25m),
            ],
            result.Value.Balances.Where(b => b.SubAccount is not null).Select(b => (b.SubAccount!, b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            [
                ("86001", "spot", WalletOutcome.Read), ("86001", "margin", WalletOutcome.NotOpened), ("86001", "super-margin", WalletOutcome.Read),
                ("86001", "otc", WalletOutcome.Read), ("86001", "point", WalletOutcome.NotOpened),
                ("86002", "spot", WalletOutcome.Read), ("86002", "margin", WalletOutcome.NotOpened), ("86002", "super-margin", WalletOutcome.NotOpened),
                ("86002", "otc", WalletOutcome.NotOpened), ("86002", "point", WalletOutcome.NotOpened),
            ],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.AccountName!, w.Outcome)));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path is "/v1/account/accounts/86001" or "/v1/account/accounts/86002"));
    }

    [Fact]
    public async Task A_uid_of_no_sub_user_of_the_parent_leaves_the_reading_incomplete_never_a_silent_partial_sum()
    {
        var (exchanges, parent) = await StartAsync("parent");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Htx].GetBalancesAsync(parent with { SubAccounts = ["86001", "99999"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var gone = result.Value.Wallets.Where(w => w.SubAccount == "99999").ToList();
        Assert.Equal([WalletKind.Spot, WalletKind.Margin, WalletKind.Funding], gone.Select(w => w.Wallet));
        Assert.All(gone, w => Assert.Equal((WalletOutcome.NotPermitted, "api-signature-not-valid", "Read-only"), (w.Outcome, w.Failure!.ExchangeCode, w.Right)));
        Assert.Contains(result.Value.Balances, b => b.SubAccount == "86001");
    }

    [Fact]
    public async Task A_sub_users_own_key_is_refused_on_the_list_and_its_own_balances_still_read()
    {
        var (exchanges, account) = await StartAsync("sub-key", subAccountKey: true);
        await using var owned = exchanges;

        var list = await exchanges[ExchangeId.Htx].GetSubAccountsAsync(account, CancellationToken.None);
        var balances = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);

        Assert.False(list.IsSuccess);
        Assert.Equal("1002", list.Diagnosis.ExchangeCode);
        Assert.True(balances.IsSuccess, balances.ToString());
        Assert.Equal(0.5m, Assert.Single(balances.Value.Balances).Total);
    }
}
