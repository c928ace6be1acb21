using System.Globalization;
using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Kucoin;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kucoin;

/// <summary>KuCoin sub-accounts: the docs' examples (sources in the fixtures' .source.txt), then real HTTP against the
/// simulated KuCoin with a master account's key and a sub-account's own key.</summary>
public sealed class KucoinSubAccountTests
{
    [Fact]
    public void The_account_summary_counts_the_sub_accounts()
    {
        Assert.Equal(3, KucoinResponses.SubQuantity(TestData.FixtureJson("kucoin", "user_info_GET_api_v2_user-info.json")));
        Assert.Throws<FormatException>(() => KucoinResponses.SubQuantity(TestData.Json("""{"code":"200000","data":{"level":0}}""")));
    }

    [Fact]
    public void The_sub_account_list_names_each_by_its_sub_name_with_its_funding_spot_and_margin_balances()
    {
        var (subs, pages) = KucoinResponses.SubAccounts(TestData.FixtureJson("kucoin", "sub_accounts_GET_api_v2_sub-accounts.json"));

        Assert.Equal(1, pages);
        Assert.Equal(["testapi6", "Name1234567", "LTkucoin1491"], subs.Select(s => s.Name));
        Assert.Equal("63743f07e0c5230001761d08", subs[0].SubUserId);
        Assert.Equal(
            [(WalletKind.Funding, "USDT", 0.01m), (WalletKind.Spot, "USDT", 0.01m), (WalletKind.Margin, "USDT", 0.01m)],
            subs[0].Balances.Select(b => (b.Wallet, b.Asset, b.Total)));
        Assert.Empty(subs[1].Balances);
        Assert.All(subs[0].Balances, b => Assert.Null(b.SubAccount));
    }

    [Fact]
    public void A_sub_accounts_spot_counts_its_high_frequency_rows_too_and_an_empty_row_is_left_out()
    {
        var (subs, _) = KucoinResponses.SubAccounts(TestData.Json(
            """{"code":"200000","data":{"totalPage":2,"items":[{"subUserId":"1","subName":"desk","mainAccounts":[{"currency":"BTC","balance":"0","available":"0","holds":"0"}],"tradeAccounts":[{"currency":"ETH","balance":"1.5","available":"1","holds":"0.5"}],"marginAccounts":[],"tradeHFAccounts":[{"currency":"ETH","balance":"0.5","available":"0.5","holds":"0"}]}]}}"""));

        var eth = Assert.Single(Assert.Single(subs).Balances);
        Assert.Equal((WalletKind.Spot, 1.5m, 0.5m, 2m), (eth.Wallet, eth.Free, eth.Locked, eth.Total));
    }

    [Fact]
    public void The_futures_overview_gives_each_accounts_equity_by_name_nothing_where_it_is_zero()
    {
        var rows = KucoinResponses.SubAccountFutures(TestData.FixtureJson("kucoin", "futures_sub_overview_GET_api_v1_account-overview-all.json"));

        Assert.Equal(["Name1234567", "LTkucoin1491", "manage112233", "testapi6", "main"], rows.Keys);
        Assert.Null(rows["Name1234567"]);
        Assert.Equal(new AssetBalance(WalletKind.Futures, "USDT", "USDT", 25.7320762825m, 27.30545128m - 25.7320762825m, 27.30545128m), rows["testapi6"]);
    }

    [Fact]
    public void A_sub_account_absent_from_every_futures_overview_has_not_opened_futures_and_a_refused_overview_is_not_permitted()
    {
        IReadOnlyDictionary<string, AssetBalance?> listing = new Dictionary<string, AssetBalance?> { ["desk"] = null };
        var listed = ExchangeResult<IReadOnlyDictionary<string, AssetBalance?>>.Success(listing);
        var refused = ExchangeResult<IReadOnlyDictionary<string, AssetBalance?>>.Failure(new Diagnosis
        {
            Category = DiagnosisCategory.MissingPermission,
            Exchange = ExchangeId.Kucoin,
            ExchangeCode = "400007",
            Explanation = LocalizedText.Same("refused"),
            Fix = LocalizedText.Same("fix"),
        });

        Assert.Equal(WalletOutcome.Read, KucoinConnector.FuturesOfSubAccount("desk", [listed, listed]).Reading.Outcome);
        Assert.Equal(WalletOutcome.NotOpened, KucoinConnector.FuturesOfSubAccount("savings", [listed, listed]).Reading.Outcome);
        var notPermitted = KucoinConnector.FuturesOfSubAccount("desk", [listed, refused]).Reading;
        Assert.Equal((WalletOutcome.NotPermitted, "General"), (notPermitted.Outcome, notPermitted.Right));
    }

    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartAsync(string label, bool subAccountKey = false, bool withSubAccounts = true, int? latencyMs = null)
    {
        var key = TestKey.For(ExchangeId.Kucoin, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8500, [Balance("trade", "BTC", "0.5")]);
            if (subAccountKey)
            {
                simulated["mainUid"] = "8599";
            }
            else if (withSubAccounts)
            {
                simulated["subAccounts"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = "tradingdesk",
                        ["balances"] = new JsonArray(
                            Balance("main", "USDT", "150"),
                            Balance("trade", "ETH", "2", "0.5"),
                            Balance("margin", "BTC", "0.1"),
                            Balance("futures", "USDT", "400", "20"),
                            Balance("futures", "BTC", "0.01")),
                    },
                    new JsonObject { ["name"] = "savings", ["balances"] = new JsonArray(Balance("main", "BTC", "0.25")) });
            }

            config["accounts"]!.AsArray().Add(simulated);
            if (latencyMs is { } latency)
            {
                config["faults"] = new JsonArray(new JsonObject { ["exchange"] = "kucoin", ["latencyMs"] = latency });
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Kucoin), key.Credentials(), "kucoin/" + label));
    }

    [Fact]
    public async Task A_master_key_lists_its_sub_accounts_by_name_after_the_account_summary_counts_them()
    {
        var (exchanges, account) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Kucoin].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([new SubAccount("tradingdesk", null, false), new SubAccount("savings", null, false)], result.Value);
        Assert.Equal(["/api/v2/user-info", "/api/v2/sub-accounts"], exchanges.Observer.Completed.Select(c => c.Call.Path));
    }

    [Fact]
    public async Task A_key_whose_summary_counted_sub_accounts_asks_for_the_list_beside_the_summary_at_its_next_listing()
    {
        var (exchanges, account) = await StartAsync("master", latencyMs: 1000);
        await using var owned = exchanges;
        var kucoin = exchanges[ExchangeId.Kucoin];

        var first = await kucoin.GetSubAccountsAsync(account, CancellationToken.None);
        var firstInFlight = exchanges.Observer.MaxInFlight;
        var second = await kucoin.GetSubAccountsAsync(account, CancellationToken.None);

        // The first listing learns that there are sub-accounts (summary, then list); the next sends both at once.
        Assert.True(first.IsSuccess, first.ToString());
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(1, firstInFlight);
        Assert.Equal(2, exchanges.Observer.MaxInFlight);
        var paths = exchanges.Observer.Completed.Select(c => c.Call.Path).ToList();
        Assert.Equal(["/api/v2/user-info", "/api/v2/sub-accounts"], paths.Take(2));
        Assert.Equal(["/api/v2/sub-accounts", "/api/v2/user-info"], paths.Skip(2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_account_whose_summary_counts_no_sub_account_lists_none_with_one_call()
    {
        var (exchanges, account) = await StartAsync("alone", withSubAccounts: false);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Kucoin].GetSubAccountsAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Empty(result.Value);
        Assert.Equal("/api/v2/user-info", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }

    [Fact]
    public async Task Included_sub_accounts_are_read_in_every_wallet_each_naming_its_sub_account_from_one_list_and_one_overview_per_currency()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        var account = master with { SubAccounts = ["tradingdesk", "savings"] };

        var result = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [
                ("tradingdesk", WalletKind.Funding, "USDT", 150m), ("tradingdesk", WalletKind.Spot, "ETH", 2.5m),
                ("tradingdesk", WalletKind.Margin, "BTC", 0.1m), ("tradingdesk", WalletKind.Futures, "BTC", 0.01m),
                ("tradingdesk", WalletKind.Futures, "USDT", 420m),
                ("savings", WalletKind.Funding, "BTC", 0.25m),
            ],
            result.Value.Balances.Where(b => b.SubAccount is not null).Select(b => (b.SubAccount!, b.Wallet, b.Asset, b.Total)));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances, b => b.SubAccount is null).Total);

        // The savings sub-account never opened futures: the overviews leave it out, and its futures are not opened, not an error.
        Assert.Equal(
            [
                ("tradingdesk", WalletKind.Funding, WalletOutcome.Read), ("tradingdesk", WalletKind.Spot, WalletOutcome.Read),
                ("tradingdesk", WalletKind.Margin, WalletOutcome.Read), ("tradingdesk", WalletKind.Futures, WalletOutcome.Read),
                ("savings", WalletKind.Funding, WalletOutcome.Read), ("savings", WalletKind.Spot, WalletOutcome.Read),
                ("savings", WalletKind.Margin, WalletOutcome.Read), ("savings", WalletKind.Futures, WalletOutcome.NotOpened),
            ],
            result.Value.Wallets.Where(w => w.SubAccount is not null).Select(w => (w.SubAccount!, w.Wallet, w.Outcome)));
        Assert.Equal(1, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v2/sub-accounts"));
        Assert.Equal(3, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v1/account-overview-all"));
    }

    [Fact]
    public async Task The_sub_account_reads_are_in_flight_with_every_master_wallet_call_in_one_round_trip()
    {
        var (exchanges, master) = await StartAsync("master", latencyMs: 1000);
        await using var owned = exchanges;
        var warm = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(master, CancellationToken.None);
        Assert.True(warm.IsSuccess, warm.ToString());

        var result = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(master with { SubAccounts = ["tradingdesk", "savings"] }, CancellationToken.None);

        // The master's accounts, two margin, three futures and the earn page, beside one list page and three futures overviews.
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(7 + 1 + 3, exchanges.Observer.MaxInFlight);
    }

    [Fact]
    public async Task A_sub_account_the_list_does_not_name_leaves_the_reading_incomplete_never_a_silent_partial_sum()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(master with { SubAccounts = ["tradingdesk", "gone"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var gone = result.Value.Wallets.Where(w => w.SubAccount == "gone").ToList();
        Assert.Equal([WalletKind.Funding, WalletKind.Spot, WalletKind.Margin, WalletKind.Futures], gone.Select(w => w.Wallet));
        Assert.All(gone, w => Assert.Equal((WalletOutcome.NotPermitted, "General"), (w.Outcome, w.Right)));
        Assert.Contains("gone", gone[0].Failure!.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Value.Balances, b => b.SubAccount == "gone");
        Assert.Contains(result.Value.Balances, b => b.SubAccount == "tradingdesk");
    }

    [Fact]
    public async Task A_failed_futures_overview_leaves_the_sub_accounts_futures_failed_and_its_other_wallets_read()
    {
        var (exchanges, master) = await StartAsync("master");
        await using var owned = exchanges;
        exchanges.Control.SetFault(new Simulator.SimulatorFault { Exchange = "kucoin", Paths = ["/api/v1/account-overview-all"], ErrorRate = 1 });

        var result = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(master with { SubAccounts = ["tradingdesk"] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var futures = Assert.Single(result.Value.Wallets, w => w.SubAccount is not null && w.Wallet == WalletKind.Futures);
        Assert.Equal(WalletOutcome.Failed, futures.Outcome);
        Assert.Equal(3, result.Value.Wallets.Count(w => w.SubAccount is not null && w.Outcome == WalletOutcome.Read));
        Assert.DoesNotContain(result.Value.Balances, b => b.SubAccount is not null && b.Wallet == WalletKind.Futures);
    }

    [Fact]
    public async Task A_sub_accounts_own_key_lists_none_is_refused_a_sub_account_with_kucoin_code_and_its_balances_still_read()
    {
        var (exchanges, account) = await StartAsync("sub-key", subAccountKey: true);
        await using var owned = exchanges;

        var list = await exchanges[ExchangeId.Kucoin].GetSubAccountsAsync(account, CancellationToken.None);
        var included = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(account with { SubAccounts = ["someone"] }, CancellationToken.None);

        Assert.True(list.IsSuccess, list.ToString());
        Assert.Empty(list.Value);
        Assert.True(included.IsSuccess, included.ToString());
        Assert.Equal(0.5m, Assert.Single(included.Value.Balances).Total);
        var refused = included.Value.Wallets.Where(w => w.SubAccount == "someone").ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, w => Assert.Equal((WalletOutcome.NotPermitted, "400007", "General"), (w.Outcome, w.Failure!.ExchangeCode, w.Right)));
    }

    [Fact]
    public void The_descriptor_says_which_wallets_of_a_sub_account_are_read_and_the_right_needed()
    {
        var reading = KucoinDescriptor.Instance.SubAccounts;

        Assert.NotNull(reading);
        Assert.Equal([WalletKind.Funding, WalletKind.Spot, WalletKind.Margin, WalletKind.Futures], reading.Wallets);
        Assert.Equal("General", reading.Right);
    }
}
