using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Okx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Okx;

/// <summary>OKX sub-accounts: the docs' examples (sources in the fixtures' .source.txt), then real HTTP against the
/// simulated OKX with a master account's key and a sub-account's own key.</summary>
public sealed class OkxSubAccountTests
{
    [Fact]
    public void The_sub_account_list_names_each_by_its_sub_account_name_with_its_label_and_creation_time()
    {
        var subs = OkxResponses.SubAccounts(TestData.FixtureJson("okx", "wallet_sub_list_GET_api_v5_users_subaccount_list.json"));

        var (sub, created) = Assert.Single(subs);
        Assert.Equal(new SubAccount("D456DDDL", "D456DDDLx", false), sub);
        Assert.Equal("1659334756000", created);
    }

    [Fact]
    public void A_sub_accounts_trading_balance_counts_each_currency_at_its_equity()
    {
        var balances = OkxResponses.SubAccountTradingBalances(TestData.FixtureJson("okx", "wallet_sub_trading_GET_api_v5_account_subaccount_balances.json"));

        Assert.Equal(new AssetBalance(WalletKind.Trading, "USDT", "USDT", 101.5m, 0m, 101.5m), Assert.Single(balances));
    }

    [Fact]
    public void A_disabled_sub_account_is_frozen()
    {
        var subs = OkxResponses.SubAccounts(TestData.Json("""{"code":"0","msg":"","data":[{"subAcct":"Frozen1","label":"","enable":false,"ts":"1"}]}"""));

        Assert.Equal(new SubAccount("Frozen1", null, true), Assert.Single(subs).SubAccount);
    }

    private static JsonObject Balance(string wallet, string asset, string free) => new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartAsync(string label, int subAccounts = 2, bool subAccountKey = false)
    {
        var key = TestKey.For(ExchangeId.Okx, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8400, [Balance("spot", "BTC", "0.5")]);
            if (subAccountKey)
            {
                simulated["mainUid"] = "8499";
            }
            else
            {
                simulated["subAccounts"] = new JsonArray([.. Enumerable.Range(1, subAccounts).Select(i => (JsonNode)new JsonObject
                {
                    ["name"] = "Sub" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["label"] = "Desk " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["balances"] = new JsonArray(Balance("spot", "USDT", "100"), Balance("funding", "ETH", "0.5")),
                })]);
            }

            config["accounts"]!.AsArray().Add(simulated);
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), key.Credentials(), "okx/" + label));
    }

    [Fact]
    public async Task A_master_key_lists_more_than_a_hundred_sub_accounts_page_by_page()
    {
        var (exchanges, account) = await StartAsync("master", subAccounts: 130);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(130, result.Value.Count);
        Assert.Equal(130, result.Value.Select(s => s.Id).Distinct().Count());
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v5/users/subaccount/list"));
    }

    [Fact]
    public async Task An_included_sub_accounts_trading_and_funding_accounts_are_read_with_the_masters_wallets()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(master with { SubAccounts = ["Sub2"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [("Sub2", WalletKind.Trading, "USDT", 100m), ("Sub2", WalletKind.Funding, "ETH", 0.5m)],
            result.Value.Balances.Where(b => b.SubAccount is not null).Select(b => (b.SubAccount!, b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            [("Sub2", WalletKind.Trading, "Trading account"), ("Sub2", WalletKind.Funding, "Funding account")],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.Wallet, w.AccountName!)));
    }

    [Fact]
    public async Task A_sub_accounts_own_key_is_refused_with_okx_code_and_a_sub_account_not_the_masters_is_not_read()
    {
        var (subExchanges, subKey) = await StartAsync("sub-key", subAccountKey: true);
        await using (subExchanges)
        {
            var list = await subExchanges[ExchangeId.Okx].GetSubAccountsAsync(subKey, CancellationToken.None);
            Assert.False(list.IsSuccess);
            Assert.Equal(("50030", DiagnosisCategory.MissingPermission), (list.Diagnosis.ExchangeCode, list.Diagnosis.Category));
        }

        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(master with { SubAccounts = ["Gone"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Trading, WalletOutcome.NotPermitted), (WalletKind.Funding, WalletOutcome.NotPermitted)],
            result.Value.Wallets.Where(w => w.SubAccount == "Gone").Select(w => (w.Wallet, w.Outcome)));
        Assert.DoesNotContain(result.Value.Balances, b => b.SubAccount == "Gone");
    }
}
