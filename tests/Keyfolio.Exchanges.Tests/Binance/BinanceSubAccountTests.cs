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

    [Fact]
    public void A_sub_accounts_futures_count_wallet_balance_plus_unrealised_profit_under_either_wrapper()
    {
        var usds = BinanceResponses.SubAccountFutures(TestData.FixtureJson("binance", "wallet_sub_futures_GET_sapi_v2_sub-account_futures_account.json"));
        var coin = BinanceResponses.SubAccountFutures(TestData.Json("""{"deliveryAccountResp":{"email":"abc@test.com","assets":[{"asset":"BTC","walletBalance":"0.5","unrealizedProfit":"-0.02","marginBalance":"0.48"}]}}"""));

        Assert.Equal(new AssetBalance(WalletKind.Futures, "USDT", "USDT", 0.88308m, 0m, 0.88308m), Assert.Single(usds));
        Assert.Equal((WalletKind.Futures, "BTC", 0.48m), (Assert.Single(coin).Wallet, coin[0].Asset, coin[0].Total));
        Assert.Throws<FormatException>(() => BinanceResponses.SubAccountFutures(TestData.Json("""{"email":"abc@test.com"}""")));
    }

    [Fact]
    public void A_sub_accounts_cross_margin_counts_each_asset_at_its_net_asset()
    {
        var margin = BinanceResponses.SubAccountMargin(TestData.FixtureJson("binance", "wallet_sub_margin_GET_sapi_v1_sub-account_margin_account.json"));

        Assert.Equal(["BTC", "BNB", "ETH", "USDT"], margin.Select(b => b.Asset));
        Assert.Equal((WalletKind.Margin, 2346.5m, 2144.83333328m), (margin[1].Wallet, margin[1].Free, margin[1].Total));
    }

    [Fact]
    public void A_sub_accounts_status_says_whether_margin_and_futures_are_opened()
    {
        var status = BinanceResponses.SubAccountStatus(TestData.FixtureJson("binance", "wallet_sub_status_GET_sapi_v1_sub-account_status.json"));
        var closed = BinanceResponses.SubAccountStatus(TestData.Json("""[{"email":"a@b.c","isMarginEnabled":false,"isFutureEnabled":true}]"""));

        Assert.Equal(new SubAccountStatus(MarginEnabled: true, FuturesEnabled: true), status);
        Assert.Equal(new SubAccountStatus(MarginEnabled: false, FuturesEnabled: true), closed);
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
                    new JsonObject
                    {
                        ["name"] = "trading@example.com",
                        ["label"] = "Trading desk",
                        ["balances"] = new JsonArray(
                            Balance("spot", "ETH", "2"),
                            Balance("spot", "USDT", "150"),
                            new JsonObject { ["wallet"] = "usds-futures", ["asset"] = "USDT", ["free"] = "400", ["unrealisedPnl"] = "-12.5" },
                            Balance("coin-futures", "BTC", "0.01"),
                            new JsonObject { ["wallet"] = "cross-margin", ["asset"] = "ETH", ["free"] = "1", ["borrowed"] = "0.25", ["interest"] = "0.01" }),
                    },
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
            [
                (null, WalletKind.Spot, "BTC", 0.5m),
                ("trading@example.com", WalletKind.Spot, "ETH", 2m), ("trading@example.com", WalletKind.Spot, "USDT", 150m),
                ("trading@example.com", WalletKind.Futures, "USDT", 387.5m), ("trading@example.com", WalletKind.Futures, "BTC", 0.01m),
                ("trading@example.com", WalletKind.Margin, "ETH", 0.74m),
                ("savings@example.com", WalletKind.Spot, "BTC", 0.25m),
            ],
            result.Value.Balances.Select(b => (b.SubAccount, b.Wallet, b.Asset, b.Total)));

        // The savings sub-account has neither futures nor margin: its status says so, and those wallets are not opened, not errors.
        Assert.Equal(
            [
                ("trading@example.com", "Spot", WalletOutcome.Read), ("trading@example.com", "USDⓈ-M Futures", WalletOutcome.Read),
                ("trading@example.com", "COIN-M Futures", WalletOutcome.Read), ("trading@example.com", "Cross Margin", WalletOutcome.Read),
                ("savings@example.com", "Spot", WalletOutcome.Read), ("savings@example.com", "USDⓈ-M Futures", WalletOutcome.NotOpened),
                ("savings@example.com", "COIN-M Futures", WalletOutcome.NotOpened), ("savings@example.com", "Cross Margin", WalletOutcome.NotOpened),
            ],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.AccountName!, w.Outcome)));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/sapi/v3/sub-account/assets"));
        Assert.Equal(4, exchanges.Observer.Completed.Count(c => c.Call.Path == "/sapi/v2/sub-account/futures/account"));
    }

    [Fact]
    public async Task Without_the_status_a_sub_accounts_futures_refusal_is_not_permitted_and_the_reading_incomplete()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        exchanges.Control.SetFault(new Simulator.SimulatorFault { Exchange = "binance", Paths = ["/sapi/v1/sub-account/status"], ErrorRate = 1 });

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(master with { SubAccounts = ["savings@example.com"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var futures = result.Value.Wallets.Where(w => w.SubAccount is not null && w.Wallet == WalletKind.Futures).ToList();
        Assert.Equal(2, futures.Count);
        Assert.All(futures, w => Assert.Equal((WalletOutcome.NotPermitted, "-1002", "Enable Reading"), (w.Outcome, w.Failure!.ExchangeCode, w.Right)));
        Assert.Equal(0.25m, Assert.Single(result.Value.Balances, b => b.SubAccount is not null).Total);
    }

    [Fact]
    public async Task The_sub_accounts_are_in_flight_with_every_master_wallet_call_in_one_round_trip()
    {
        var (exchanges, master) = await StartAsync("master", latencyMs: 1000);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(master with { SubAccounts = ["trading@example.com", "savings@example.com"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(8 + (2 * 5), exchanges.Observer.MaxInFlight);
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
        var gone = result.Value.Wallets.Where(w => w.SubAccount == "gone@example.com").ToList();
        Assert.Equal([WalletKind.Spot, WalletKind.Futures, WalletKind.Margin], gone.Select(w => w.Wallet));
        Assert.All(gone, w => Assert.Equal((WalletOutcome.NotPermitted, "-1002", "Enable Reading"), (w.Outcome, w.Failure!.ExchangeCode, w.Right)));
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
        Assert.Equal([WalletKind.Spot, WalletKind.Futures, WalletKind.Margin], reading.Wallets);
        Assert.Equal("Enable Reading", reading.Right);
    }
}
