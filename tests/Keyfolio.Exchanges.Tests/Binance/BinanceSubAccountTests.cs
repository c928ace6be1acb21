using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

/// <summary>Binance sub-accounts: the docs' examples (sources in the fixtures' .source.txt), then real HTTP against the
/// simulated Binance with a master account's key and a sub-account's own key.</summary>
public sealed class BinanceSubAccountTests
{
    [Fact]
    public void The_sub_account_list_names_each_by_its_email_with_its_remark()
    {
        var subs = BinanceResponses.SubAccounts(TestData.FixtureJson("binance", "wallet_sub_list_GET_sapi_v1_sub-account_list.json"));

        Assert.Equal(
            [new SubAccount("testsub@gmail.com", "remark", false), new SubAccount("virtual@oxebmvfonoemail.com", "remarks", false)],
            subs);
    }

    [Fact]
    public void A_sub_accounts_assets_count_free_and_locked_given_as_json_numbers_in_its_spot_wallet()
    {
        var balances = BinanceResponses.SubAccountAssets(TestData.FixtureJson("binance", "wallet_sub_assets_GET_sapi_v3_sub-account_assets.json"));

        Assert.Equal(["ADA", "BNB", "BTC", "ETH", "USDT"], balances.Select(b => b.Asset));
        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "BTC", 11467.6399m, 0m, 11467.6399m), balances[2]);
        Assert.All(balances, b => Assert.Null(b.SubAccount));
    }

    [Fact]
    public void Frozen_and_withdrawing_amounts_given_as_strings_still_belong_to_the_sub_account()
    {
        var balances = BinanceResponses.SubAccountAssets(TestData.Json("""{"balances":[{"asset":"ETH","free":"1.5","locked":"0.25","freeze":"0.1","withdrawing":"0.05"}]}"""));

        Assert.Equal((1.5m, 0.4m, 1.9m), (balances[0].Free, balances[0].Locked, balances[0].Total));
    }

    private static JsonObject Balance(string wallet, string asset, string free) =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartAsync(string label, bool subAccountKey = false, int? latencyMs = null)
    {
        var key = TestKey.For(ExchangeId.Binance, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8300, [Balance("spot", "BTC", "0.5")]);
            if (subAccountKey)
            {
                simulated["mainUid"] = "8399";
            }
            else
            {
                simulated["subAccounts"] = new JsonArray(
                    new JsonObject { ["name"] = "trading@example.com", ["label"] = "Trading desk", ["balances"] = new JsonArray(Balance("spot", "ETH", "2"), Balance("spot", "USDT", "150")) },
                    new JsonObject { ["name"] = "savings@example.com", ["frozen"] = true, ["balances"] = new JsonArray(Balance("spot", "BTC", "0.25")) });
            }

            config["accounts"]!.AsArray().Add(simulated);
            if (latencyMs is { } latency)
            {
                config["faults"] = new JsonArray(new JsonObject { ["exchange"] = "binance", ["latencyMs"] = latency });
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Binance), key.Credentials(), "binance/" + label));
    }

    [Fact]
    public async Task A_master_key_lists_its_sub_accounts_in_one_call_though_the_endpoint_pages_one_by_default()
    {
        var (exchanges, account) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([new SubAccount("trading@example.com", "Trading desk", false), new SubAccount("savings@example.com", null, true)], result.Value);

        // The endpoint's default page holds one sub-account: both in one call means the page size was sent.
        Assert.Equal("/sapi/v1/sub-account/list", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }

    [Fact]
    public async Task Included_sub_accounts_are_read_with_the_master_wallets_at_once_each_naming_its_sub_account()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        var account = master with { SubAccounts = ["trading@example.com", "savings@example.com"] };

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(null, "BTC", 0.5m), ("trading@example.com", "ETH", 2m), ("trading@example.com", "USDT", 150m), ("savings@example.com", "BTC", 0.25m)],
            result.Value.Balances.Select(b => (b.SubAccount, b.Asset, b.Total)));
        Assert.Equal(
            [("trading@example.com", WalletKind.Spot, WalletOutcome.Read), ("savings@example.com", WalletKind.Spot, WalletOutcome.Read)],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.Wallet, w.Outcome)));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/sapi/v3/sub-account/assets"));
    }

    [Fact]
    public async Task The_sub_accounts_are_in_flight_with_every_master_wallet_call_in_one_round_trip()
    {
        var (exchanges, master) = await StartAsync("master", latencyMs: 1000);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(master with { SubAccounts = ["trading@example.com", "savings@example.com"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(8 + 2, exchanges.Observer.MaxInFlight);
    }

    [Fact]
    public async Task A_sub_account_that_cannot_be_read_leaves_the_reading_incomplete_never_a_silent_partial_sum()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        var account = master with { SubAccounts = ["trading@example.com", "gone@example.com"] };

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var gone = Assert.Single(result.Value.Wallets, w => w.SubAccount == "gone@example.com");
        Assert.Equal((WalletKind.Spot, WalletOutcome.NotPermitted, "-1002", "Enable Reading"), (gone.Wallet, gone.Outcome, gone.Failure!.ExchangeCode, gone.Right));
        Assert.DoesNotContain(result.Value.Balances, b => b.SubAccount == "gone@example.com");
        Assert.Contains(result.Value.Balances, b => b.SubAccount == "trading@example.com");
    }

    [Fact]
    public async Task A_sub_accounts_own_key_is_refused_on_the_list_with_binance_code_and_its_balances_still_read()
    {
        var (exchanges, account) = await StartAsync("sub-key", subAccountKey: true);
        await using var owned = exchanges;

        var list = await exchanges[ExchangeId.Binance].GetSubAccountsAsync(account, CancellationToken.None);
        var balances = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.False(list.IsSuccess);
        Assert.Equal(("-1002", 401), (list.Diagnosis.ExchangeCode, list.Diagnosis.HttpStatus));
        Assert.True(balances.IsSuccess, balances.ToString());
        Assert.Equal(0.5m, Assert.Single(balances.Value.Balances).Total);
    }

    [Fact]
    public void The_descriptor_says_which_wallets_of_a_sub_account_are_read_and_the_right_needed()
    {
        var reading = BinanceDescriptor.Instance.SubAccounts;

        Assert.NotNull(reading);
        Assert.Equal([WalletKind.Spot], reading.Wallets);
        Assert.Equal("Enable Reading", reading.Right);
    }
}
