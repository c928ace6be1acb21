using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

/// <summary>Binance's wallet answers from its docs' examples (each fixture's source is in its .source.txt).</summary>
public sealed class BinanceWalletFixtureTests
{
    [Fact]
    public void A_flexible_earn_position_counts_its_total_amount_collateral_included()
    {
        var page = BinanceResponses.FlexibleEarn(TestData.FixtureJson("binance", "wallet_earn_flexible_GET_sapi_v1_simple-earn_flexible_position.json"));

        Assert.Equal(1, page.Total);
        Assert.Equal(new AssetBalance(WalletKind.Earn, "USDT", "USDT", 75.46m, 0m, 75.46m), Assert.Single(page.Balances));
    }

    [Fact]
    public void A_locked_earn_position_counts_its_amount_as_locked()
    {
        var page = BinanceResponses.LockedEarn(TestData.FixtureJson("binance", "wallet_earn_locked_GET_sapi_v1_simple-earn_locked_position.json"));

        Assert.Equal(1, page.Total);
        Assert.Equal(new AssetBalance(WalletKind.Earn, "AXS", "AXS", 0m, 122.09202928m, 122.09202928m), Assert.Single(page.Balances));
    }

    [Fact]
    public void Cross_margin_counts_each_asset_at_its_net_asset_after_borrowing()
    {
        var read = BinanceResponses.CrossMargin(TestData.FixtureJson("binance", "wallet_margin_cross_GET_sapi_v1_margin_account.json"));

        Assert.True(read.Opened);
        var bnb = Assert.Single(read.Balances, b => b.Asset == "BNB");
        Assert.Equal((2346.5m, 0m, 2144.83333328m), (bnb.Free, bnb.Locked, bnb.Total));
        Assert.Equal(0.004995m, Assert.Single(read.Balances, b => b.Asset == "BTC").Total);
        Assert.All(read.Balances, b => Assert.Equal(WalletKind.Margin, b.Wallet));
    }

    [Fact]
    public void A_cross_margin_account_not_created_is_a_wallet_never_opened()
    {
        var read = BinanceResponses.CrossMargin(TestData.Json("""{"created":false,"borrowEnabled":false,"totalAssetOfBtc":"0","userAssets":[]}"""));

        Assert.False(read.Opened);
        Assert.Empty(read.Balances);
    }

    [Fact]
    public void Isolated_margin_adds_both_sides_of_every_created_pair()
    {
        var read = BinanceResponses.IsolatedMargin(TestData.FixtureJson("binance", "wallet_margin_isolated_GET_sapi_v1_margin_isolated_account.json"));

        Assert.True(read.Opened);
        Assert.Equal(["BTC", "USDT"], read.Balances.Select(b => b.Asset));
        Assert.All(read.Balances, b => Assert.Equal((WalletKind.Margin, 0m), (b.Wallet, b.Total)));
    }

    [Fact]
    public void Two_isolated_pairs_with_the_same_quote_make_one_row_and_a_pair_not_created_counts_nothing()
    {
        static string Side(string asset, string free, string borrowed) =>
            $$"""{"asset":"{{asset}}","borrowed":"{{borrowed}}","free":"{{free}}","interest":"0","locked":"0","netAsset":"{{decimal.Parse(free, System.Globalization.CultureInfo.InvariantCulture) - decimal.Parse(borrowed, System.Globalization.CultureInfo.InvariantCulture)}}"}""";
        var json = $$"""
            {"assets":[
              {"symbol":"BTCUSDT","isolatedCreated":true,"baseAsset":{{Side("BTC", "0.1", "0")}},"quoteAsset":{{Side("USDT", "500", "300")}}},
              {"symbol":"ETHUSDT","isolatedCreated":true,"baseAsset":{{Side("ETH", "1", "0")}},"quoteAsset":{{Side("USDT", "50", "0")}}},
              {"symbol":"BNBUSDT","isolatedCreated":false,"baseAsset":{{Side("BNB", "7", "0")}},"quoteAsset":{{Side("USDT", "9", "0")}}}]}
            """;

        var read = BinanceResponses.IsolatedMargin(TestData.Json(json));

        Assert.Equal([("BTC", 0.1m), ("USDT", 250m), ("ETH", 1m)], read.Balances.Select(b => (b.Asset, b.Total)));
    }

    [Fact]
    public void No_isolated_pair_is_an_isolated_margin_wallet_never_opened()
    {
        var read = BinanceResponses.IsolatedMargin(TestData.Json("""{"assets":[],"totalAssetOfBtc":"0","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"0"}"""));

        Assert.False(read.Opened);
    }

    [Fact]
    public void The_older_margin_account_does_not_exist_refusal_is_a_wallet_never_opened_not_a_failure()
    {
        var error = BinanceErrors.Classify(TestData.FixtureResponse("binance", "wallet_notopened_margin_GET_sapi_v1_margin_account.json", 400))!;
        var diagnosis = new Diagnosis
        {
            Category = error.Category,
            Exchange = ExchangeId.Binance,
            ExchangeCode = error.Code,
            ExchangeMessage = error.Message,
            Explanation = LocalizedText.Same("x"),
            Fix = LocalizedText.Same("x"),
        };

        var reading = BinanceConnector.Outcome(WalletKind.Margin, "Cross Margin", ExchangeResult<WalletRead>.Failure(diagnosis));

        Assert.Equal("-3003", error.Code);
        Assert.Equal((WalletOutcome.NotOpened, "Cross Margin"), (reading.Outcome, reading.AccountName));
    }

    [Fact]
    public void An_empty_earn_page_has_no_positions_at_all()
    {
        var page = BinanceResponses.LockedEarn(TestData.Json("""{"rows":[],"total":0}"""));

        Assert.Equal((0, 0), (page.Total, page.Balances.Count));
    }

    [Fact]
    public void Each_sapi_endpoint_has_its_own_12000_pool_and_spot_shares_6000()
    {
        var protocol = new BinanceProtocol();

        var flexible = Assert.Single(protocol.RulesFor(Keyfolio.Exchanges.Http.ExchangeCall.SignedGet("/sapi/v1/simple-earn/flexible/position")));
        var locked = Assert.Single(protocol.RulesFor(Keyfolio.Exchanges.Http.ExchangeCall.SignedGet("/sapi/v1/simple-earn/locked/position")));
        var spot = Assert.Single(protocol.RulesFor(Keyfolio.Exchanges.Http.ExchangeCall.SignedGet("/api/v3/account")));

        Assert.Equal((12000, 12000, 6000), (flexible.Limit, locked.Limit, spot.Limit));
        Assert.NotEqual(flexible.Name, locked.Name);
        Assert.All([flexible, locked, spot], r => Assert.Equal((Keyfolio.Exchanges.Http.RateLimitScope.Ip, TimeSpan.FromMinutes(1)), (r.Scope, r.Window)));
    }

    [Fact]
    public void Usds_futures_count_each_asset_at_its_wallet_balance_plus_unrealised_profit_never_the_usdt_only_totals()
    {
        var balances = BinanceResponses.UsdsFutures(TestData.FixtureJson("binance", "wallet_futures_um_account_GET_fapi_v3_account.json"));

        Assert.Equal([("USDT", 23.72469206m), ("USDC", 103.12345678m)], balances.Select(b => (b.Asset, b.Total)));
        Assert.All(balances, b => Assert.Equal(WalletKind.Futures, b.Wallet));
    }

    [Fact]
    public void Coin_futures_count_the_settlement_coin_at_its_wallet_balance_plus_unrealised_profit()
    {
        var balances = BinanceResponses.CoinFutures(TestData.FixtureJson("binance", "wallet_futures_cm_account_GET_dapi_v1_account.json"));

        Assert.Equal(new AssetBalance(WalletKind.Futures, "BTC", "BTC", 0.00241969m, 0m, 0.00241969m), Assert.Single(balances));
    }

    [Fact]
    public void An_unrealised_loss_is_taken_off_the_wallet_balance()
    {
        var balances = BinanceResponses.CoinFutures(TestData.Json("""{"assets":[{"asset":"ETH","walletBalance":"1.5","unrealizedProfit":"-0.25","marginBalance":"1.25"}],"positions":[]}"""));

        Assert.Equal(1.25m, Assert.Single(balances).Total);
    }

    [Fact]
    public void The_wallet_summary_says_which_wallets_were_ever_opened()
    {
        var opened = BinanceResponses.WalletsOpened(TestData.FixtureJson("binance", "wallet_summary_GET_sapi_v1_asset_wallet_balance.json"));

        Assert.True(opened[BinanceConnector.UsdsFuturesName]);
        Assert.True(opened[BinanceConnector.CoinFuturesName]);
        Assert.False(opened["Options"]);
        Assert.Equal(10, opened.Count);
    }

    private static Diagnosis Rejected() => new()
    {
        Category = DiagnosisCategory.InvalidKey,
        Exchange = ExchangeId.Binance,
        ExchangeCode = "-2015",
        ExchangeMessage = "Invalid API-key, IP, or permissions for action.",
        HttpStatus = 401,
        Explanation = LocalizedText.Same("x"),
        Fix = LocalizedText.Same("x"),
    };

    private static KeyFacts Facts(bool futures) => new()
    {
        Permissions = new Dictionary<KeyPermission, PermissionState>
        {
            [KeyPermission.Read] = PermissionState.Granted,
            [KeyPermission.Futures] = futures ? PermissionState.Granted : PermissionState.Absent,
        },
    };

    [Theory]
    [InlineData(false, false, WalletOutcome.NotOpened)]
    [InlineData(false, true, WalletOutcome.NotOpened)]
    [InlineData(true, false, WalletOutcome.NotPermitted)]
    [InlineData(true, true, WalletOutcome.Failed)]
    public void A_futures_refusal_is_told_apart_by_the_wallet_summary_then_the_key_s_futures_right(bool activated, bool futuresRight, WalletOutcome expected)
    {
        var opened = new Dictionary<string, bool> { [BinanceConnector.UsdsFuturesName] = activated };

        var reading = BinanceConnector.FuturesOutcome(BinanceConnector.UsdsFuturesName, ExchangeResult<IReadOnlyList<AssetBalance>>.Failure(Rejected()), opened, Facts(futuresRight));

        Assert.Equal((expected, WalletKind.Futures, BinanceConnector.UsdsFuturesName), (reading.Outcome, reading.Wallet, reading.AccountName));
        Assert.Equal(expected == WalletOutcome.NotPermitted ? "Enable Futures" : null, reading.Right);
    }

    [Fact]
    public void Without_the_summary_a_key_lacking_the_futures_right_is_not_permitted()
    {
        var reading = BinanceConnector.FuturesOutcome(BinanceConnector.CoinFuturesName, ExchangeResult<IReadOnlyList<AssetBalance>>.Failure(Rejected()), null, Facts(futures: false));

        Assert.Equal((WalletOutcome.NotPermitted, "Enable Futures"), (reading.Outcome, reading.Right));
    }

    [Fact]
    public void Fapi_and_dapi_are_counted_in_pools_of_their_own_and_tell_their_time_at_their_own_paths()
    {
        var spot = new BinanceProtocol();
        var usds = new BinanceProtocol(BinanceProtocol.UsdsFuturesTime);

        var fapi = Assert.Single(usds.RulesFor(Keyfolio.Exchanges.Http.ExchangeCall.SignedGet("/fapi/v3/account")));
        var dapi = Assert.Single(usds.RulesFor(Keyfolio.Exchanges.Http.ExchangeCall.SignedGet("/dapi/v1/account")));

        Assert.Equal((2400, 2400), (fapi.Limit, dapi.Limit));
        Assert.NotEqual(fapi.Name, dapi.Name);
        Assert.Equal("/fapi/v1/time", ((Keyfolio.Exchanges.Http.ClockSource.Endpoint)usds.Clock).Path);
        Assert.Equal("/api/v3/time", ((Keyfolio.Exchanges.Http.ClockSource.Endpoint)spot.Clock).Path);
    }
}
