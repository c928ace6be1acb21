using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Kucoin;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kucoin;

public sealed class KucoinFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_accounts_fixture_parses_into_the_spot_and_the_funding_account()
    {
        var balances = KucoinResponses.Accounts(TestData.FixtureJson("kucoin", "accounts_GET_api_v1_accounts.json"));

        Assert.Equal(
            [new AssetBalance(WalletKind.Spot, "USDT", "USDT", 26.66759503m, 0m, 26.66759503m), new AssetBalance(WalletKind.Funding, "USDT", "USDT", 0.01m, 0m, 0.01m)],
            balances);
    }

    [Fact]
    public void Cross_margin_is_read_per_currency_net_of_its_liability()
    {
        var usdt = Assert.Single(KucoinResponses.CrossMargin(TestData.FixtureJson("kucoin", "margin_cross_GET_api_v3_margin_accounts.json")));

        Assert.Equal(new AssetBalance(WalletKind.Margin, "USDT", "USDT", 20.01916691m, 18.66939173m, 38.68855864m), usdt);
    }

    [Fact]
    public void Isolated_margin_reads_both_sides_of_each_pair_net_of_the_liability_and_skips_empty_sides()
    {
        var usdt = Assert.Single(KucoinResponses.IsolatedMargin(TestData.FixtureJson("kucoin", "margin_isolated_GET_api_v3_isolated_accounts.json")));

        Assert.Equal(new AssetBalance(WalletKind.Margin, "USDT", "USDT", 4.97047372m, 0m, 4.97047372m - 0.00038891m), usdt);
    }

    [Fact]
    public void The_futures_overview_is_worth_its_equity()
    {
        var usdt = Assert.Single(KucoinResponses.FuturesOverview(TestData.FixtureJson("kucoin", "futures_overview_GET_api_v1_account-overview.json")));

        Assert.Equal(new AssetBalance(WalletKind.Futures, "USDT", "USDT", 290.326799096m, 394.439280806m - 290.326799096m, 394.439280806m), usdt);
    }

    [Fact]
    public void Futures_bitcoin_is_called_xbt_and_read_as_btc()
    {
        var btc = Assert.Single(KucoinResponses.FuturesOverview(TestData.Json("""{"code":"200000","data":{"accountEquity":0.5,"availableBalance":0.4,"currency":"XBT"}}""")));

        Assert.Equal(("BTC", "XBT", 0.5m), (btc.Asset, btc.ExchangeAsset, btc.Total));
    }

    [Fact]
    public void Earn_holdings_of_staking_products_are_staking()
    {
        var (balances, pages) = KucoinResponses.EarnHoldings(TestData.FixtureJson("kucoin", "earn_hold_assets_GET_api_v1_earn_hold-assets.json"));

        Assert.Equal(new AssetBalance(WalletKind.Staking, "KCS", "KCS", 0m, 1m, 1m), Assert.Single(balances));
        Assert.Equal(1, pages);
    }

    [Fact]
    public void The_documented_key_info_maps_every_token_and_keeps_the_masked_whitelist()
    {
        var facts = KucoinResponses.KeyFacts(TestData.FixtureJson("kucoin", "apikey_GET_api_v1_user_api-key.json"), Now);

        Assert.True(facts.CanWithdraw);
        Assert.True(facts.CanTrade);
        Assert.All(Enum.GetValues<KeyPermission>(), p => Assert.Equal(PermissionState.Granted, facts[p]));
        Assert.Equal(["General", "Futures", "Spot", "Earn", "InnerTransfer", "Transfer", "Margin"], facts.ExchangePermissions);
        Assert.Equal(["203.**.154", "103.**.34"], facts.IpWhitelist);
        Assert.Equal(true, facts.IpRestricted);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1728443843000), facts.CreatedAt);
        Assert.Equal("account1", facts.Label);
        Assert.Equal(("165111215", false), (facts.Account.AccountId, facts.Account.IsSubAccount));
        Assert.Null(facts.Expiry);
        Assert.Null(facts.LastAccessAt);
    }

    [Fact]
    public void A_general_only_key_reads_cannot_trade_or_withdraw_and_never_expires()
    {
        var facts = KucoinResponses.KeyFacts(TestData.FixtureJson("kucoin", "apikey_general_only_no_ip_SYNTHETIC.json"), Now);

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.All(Enum.GetValues<KeyPermission>().Where(p => p != KeyPermission.Read), p => Assert.Equal(PermissionState.Absent, facts[p]));
        Assert.Empty(facts.IpWhitelist!);
        Assert.Equal(false, facts.IpRestricted);
        Assert.Null(facts.Expiry);
    }

    [Fact]
    public void A_sub_account_key_that_trades_without_an_ip_is_deleted_after_30_idle_days()
    {
        var json = TestData.Fixture("kucoin", "apikey_sub_account_SYNTHETIC.json").Replace("\"203.**.154\"", "\"\"", StringComparison.Ordinal);

        var facts = KucoinResponses.KeyFacts(TestData.Json(json), Now);

        Assert.Equal(true, facts.Account.IsSubAccount);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.InternalTransfer]);
        Assert.Equal((KeyExpiryKind.Inactivity, Now.AddDays(30)), (facts.Expiry!.Kind, facts.Expiry.At));
    }

    [Fact]
    public void Tickers_give_markets_by_dash_separated_symbol()
    {
        var market = Assert.Single(KucoinResponses.Markets(TestData.FixtureJson("kucoin", "tickers_GET_api_v1_market_allTickers.json")));

        Assert.Equal(("BTC", "USDT", 67193m), (market.Base, market.Quote, market.Price));
    }

    [Theory]
    [InlineData("error_400001_missing_auth_headers.json", 400, DiagnosisCategory.InvalidKey, "400001")]
    [InlineData("error_400002_invalid_timestamp.json", 400, DiagnosisCategory.ClockSkew, "400002")]
    [InlineData("error_400003_key_not_exists.json", 401, DiagnosisCategory.InvalidKey, "400003")]
    [InlineData("error_400004_invalid_passphrase.json", 401, DiagnosisCategory.WrongPassphrase, "400004")]
    [InlineData("error_400005_invalid_sign.json", 401, DiagnosisCategory.BadSignature, "400005")]
    [InlineData("error_400006_ip_not_whitelisted.json", 403, DiagnosisCategory.IpNotAllowed, "400006")]
    [InlineData("error_400007_access_denied.json", 403, DiagnosisCategory.MissingPermission, "400007")]
    [InlineData("error_400008_v3_key_required_SYNTHETIC.json", 400, DiagnosisCategory.InvalidKey, "400008")]
    [InlineData("error_400302_region_ip_restricted_SYNTHETIC.json", 403, DiagnosisCategory.RegionBlocked, "400302")]
    [InlineData("error_404_route_not_found.json", 404, DiagnosisCategory.ExchangeUnavailable, "404")]
    [InlineData("error_411100_user_frozen_SYNTHETIC.json", 400, DiagnosisCategory.InvalidKey, "411100")]
    [InlineData("error_429000_too_many_requests.json", 429, DiagnosisCategory.RateLimited, "429000")]
    public void Every_error_fixture_is_classified_with_kucoin_code_and_message(string file, int status, DiagnosisCategory expected, string code)
    {
        var error = KucoinErrors.Classify(TestData.FixtureResponse("kucoin", file, status));

        Assert.Equal((expected, code), (error?.Category, error?.Code));
        Assert.Equal(TestData.FixtureJson("kucoin", file).GetProperty("msg").GetString(), error!.Message);
    }

    [Fact]
    public void An_ip_refusal_names_the_address_kucoin_saw()
    {
        var error = KucoinErrors.Classify(TestData.FixtureResponse("kucoin", "error_400006_ip_not_whitelisted.json", 403));

        Assert.Equal("203.0.113.7", error?.CallerIp);
    }

    [Fact]
    public void A_wrong_passphrase_may_also_be_a_wrong_secret()
    {
        var error = KucoinErrors.Classify(TestData.FixtureResponse("kucoin", "error_400004_invalid_passphrase.json", 401))!;

        Assert.Equal([DiagnosisCategory.BadSignature], error.OtherPossibleCauses);
        Assert.Contains("API Secret", error.Explanation!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Secret", error.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_limit_resumes_when_the_pool_window_restarts()
    {
        var response = TestData.Response(TestData.Fixture("kucoin", "error_429000_too_many_requests.json"), 429, m => m.Headers.Add("gw-ratelimit-reset", "1489"));

        Assert.Equal(response.ReceivedAt.AddMilliseconds(1489), KucoinErrors.Classify(response)?.RetryAt);
    }

    [Fact]
    public void A_success_is_not_an_error_in_either_success_code()
    {
        Assert.Null(KucoinErrors.Classify(TestData.FixtureResponse("kucoin", "accounts_GET_api_v1_accounts.json", 200)));
        Assert.Null(KucoinErrors.Classify(TestData.Response("""{"success":true,"code":"200","msg":"success","retry":false,"data":{}}""")));
    }

    [Theory]
    [InlineData("time_GET_api_v1_timestamp.json", 1729100692873)]
    [InlineData("time_futures_GET_api_v1_timestamp.json", 1729260030774)]
    public void The_time_fixtures_give_the_server_time(string file, long expected)
    {
        var clock = (ClockSource.Endpoint)new KucoinProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected), clock.Parse(TestData.Fixture("kucoin", file)));
    }
}
