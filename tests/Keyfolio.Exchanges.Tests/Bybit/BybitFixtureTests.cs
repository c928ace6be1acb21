using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Bybit;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bybit;

public sealed class BybitFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-07-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_documented_unified_wallet_parses_each_coin_at_its_equity()
    {
        var btc = Assert.Single(BybitResponses.WalletBalances(TestData.FixtureJson("bybit", "wallet_balance_GET_v5_account_wallet-balance_UNIFIED.json"), WalletKind.Trading));

        Assert.Equal(new AssetBalance(WalletKind.Trading, "BTC", "BTC", 0m, 0m, 0m), btc);
    }

    [Fact]
    public void Borrowings_and_unrealised_pnl_count_through_equity()
    {
        var balances = BybitResponses.WalletBalances(TestData.FixtureJson("bybit", "wallet_balance_UNIFIED_borrow_upnl_synthetic.json"), WalletKind.Trading).ToDictionary(b => b.Asset);

        // USDT: wallet 10000, uPnL -75; BTC: wallet 0.2 of which 0.05 borrowed, 0.01 in open orders.
        Assert.Equal((9925m, 0m, 9925m), (balances["USDT"].Free, balances["USDT"].Locked, balances["USDT"].Total));
        Assert.Equal((0.14m, 0.01m, 0.15m), (balances["BTC"].Free, balances["BTC"].Locked, balances["BTC"].Total));
        Assert.Equal(0.25m, balances["ETH"].Total);
    }

    [Fact]
    public void A_legacy_contract_wallet_parses_as_futures()
    {
        var btc = Assert.Single(BybitResponses.WalletBalances(TestData.FixtureJson("bybit", "wallet_balance_CONTRACT_uta1_legacy_synthetic.json"), WalletKind.Futures));

        Assert.Equal(new AssetBalance(WalletKind.Futures, "BTC", "BTC", 0.1035m, 0m, 0.1035m), btc);
    }

    [Fact]
    public void The_funding_fixture_leaves_out_empty_coins()
    {
        Assert.Empty(BybitResponses.FundingBalances(TestData.FixtureJson("bybit", "all_balance_GET_v5_asset_transfer_query-account-coins-balance_FUND.json")));
    }

    [Fact]
    public void A_funding_coin_that_cannot_be_transferred_is_locked()
    {
        var root = JsonDocument.Parse("{\"retCode\":0,\"retMsg\":\"success\",\"result\":{\"memberId\":\"1\",\"accountType\":\"FUND\",\"balance\":[{\"coin\":\"USDC\",\"transferBalance\":\"60\",\"walletBalance\":\"100\",\"bonus\":\"\"}]},\"retExtInfo\":{},\"time\":1}").RootElement;

        Assert.Equal(new AssetBalance(WalletKind.Funding, "USDC", "USDC", 60m, 40m, 100m), Assert.Single(BybitResponses.FundingBalances(root)));
    }

    [Fact]
    public void The_earn_position_fixture_parses_as_earn_or_staking()
    {
        var root = TestData.FixtureJson("bybit", "earn_position_GET_v5_earn_position.json");

        Assert.Equal(new AssetBalance(WalletKind.Earn, "BTC", "BTC", 0.1m, 0m, 0.1m), Assert.Single(BybitResponses.EarnPositions(root, WalletKind.Earn)));
        Assert.Equal(WalletKind.Staking, Assert.Single(BybitResponses.EarnPositions(root, WalletKind.Staking)).Wallet);
    }

    [Fact]
    public void The_fixed_term_position_fixture_parses_as_earn()
    {
        var root = TestData.FixtureJson("bybit", "earn_fixed_term_position_GET_v5_earn_fixed-term_position.json");

        Assert.Equal(new AssetBalance(WalletKind.Earn, "USDT", "USDT", 201m, 0m, 201m), Assert.Single(BybitResponses.EarnPositions(root, WalletKind.Earn)));
    }

    [Fact]
    public void The_account_info_fixture_gives_the_account_mode()
    {
        Assert.Equal(4, BybitResponses.AccountMode(TestData.FixtureJson("bybit", "account_info_GET_v5_account_info.json")));
    }

    [Fact]
    public void A_read_only_key_bound_to_ips_reads_writes_nothing_and_does_not_expire()
    {
        var facts = BybitResponses.KeyFacts(TestData.FixtureJson("bybit", "query_api_GET_v5_user_query-api.json"), Now);

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.All([KeyPermission.SpotTrade, KeyPermission.Margin, KeyPermission.Futures, KeyPermission.Withdraw, KeyPermission.InternalTransfer], p => Assert.Equal(PermissionState.Absent, facts[p]));
        Assert.Equal(["18.181.170.164", "13.212.45.47", "13.212.45.48"], facts.IpWhitelist);
        Assert.Equal(true, facts.IpRestricted);
        Assert.Null(facts.Expiry);
        Assert.Equal(DateTimeOffset.Parse("2025-10-13T03:20:45Z", System.Globalization.CultureInfo.InvariantCulture), facts.CreatedAt);
        Assert.Equal("testnet", facts.Label);
        Assert.Equal(("1448939", false, "unified trading account"), (facts.Account.AccountId, facts.Account.IsSubAccount, facts.Account.AccountMode));
        Assert.Contains("Read-Only", facts.ExchangePermissions);
        Assert.Contains("Wallet:AccountTransfer", facts.ExchangePermissions);
    }

    [Fact]
    public void A_read_write_key_without_ips_can_trade_and_transfer_and_expires_by_the_90_day_rule()
    {
        var facts = BybitResponses.KeyFacts(TestData.FixtureJson("bybit", "query_api_GET_v5_user_query-api_no_ip_2023.json"), DateTimeOffset.Parse("2023-10-17T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.SpotTrade]);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Futures]);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.InternalTransfer]);
        Assert.Equal(PermissionState.Absent, facts[KeyPermission.Withdraw]);
        Assert.Empty(facts.IpWhitelist!);
        Assert.Equal(false, facts.IpRestricted);
        Assert.Equal(new KeyExpiry(KeyExpiryKind.Key, DateTimeOffset.Parse("2023-12-22T07:20:25Z", System.Globalization.CultureInfo.InvariantCulture), BybitResponses.ExpiryRule), facts.Expiry);
        Assert.Contains("90 days", facts.Expiry!.Rule.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("7 days", facts.Expiry.Rule.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal("classic account", facts.Account.AccountMode);
    }

    [Fact]
    public void An_unbound_key_past_its_expiry_is_reported_expired()
    {
        var facts = BybitResponses.KeyFacts(TestData.FixtureJson("bybit", "query_api_readonly_no_ip_synthetic.json"), DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(KeyExpiryKind.Expired, facts.Expiry!.Kind);
    }

    [Fact]
    public void A_withdraw_scope_on_a_read_write_key_is_the_withdrawal_right()
    {
        var root = JsonDocument.Parse(TestData.Fixture("bybit", "query_api_GET_v5_user_query-api_no_ip_2023.json").Replace("\"SubMemberTransfer\"", "\"SubMemberTransfer\", \"Withdraw\"", StringComparison.Ordinal)).RootElement;

        Assert.True(BybitResponses.KeyFacts(root, Now).CanWithdraw);
    }

    [Fact]
    public void The_ticker_fixture_prefers_the_usd_index_price()
    {
        var prices = Parsing.UsdPrices.Select(BybitResponses.Markets(TestData.FixtureJson("bybit", "tickers_spot_GET_v5_market_tickers.json")), ["BTC"]);

        Assert.Equal(20784.12009279m, prices["BTC"]);
    }

    [Fact]
    public void The_time_fixture_gives_the_server_time_to_the_tick()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new BybitProtocol().Clock;

        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(16886394034232139), clock.Parse(TestData.Fixture("bybit", "time_GET_v5_market_time.json")));
    }

    [Theory]
    [InlineData("error_10002_timestamp_outside_recv_window.json", DiagnosisCategory.ClockSkew, "10002")]
    [InlineData("error_10003_invalid_api_key.json", DiagnosisCategory.InvalidKey, "10003")]
    [InlineData("error_10004_invalid_signature.json", DiagnosisCategory.BadSignature, "10004")]
    [InlineData("error_10005_permission_denied.json", DiagnosisCategory.MissingPermission, "10005")]
    [InlineData("error_10006_rate_limited.json", DiagnosisCategory.RateLimited, "10006")]
    [InlineData("error_10009_region_restricted.json", DiagnosisCategory.RegionBlocked, "10009")]
    [InlineData("error_10010_unmatched_ip.json", DiagnosisCategory.IpNotAllowed, "10010")]
    [InlineData("error_33004_api_key_expired.json", DiagnosisCategory.KeyExpired, "33004")]
    public void Every_error_fixture_is_classified_by_its_retcode_with_its_message(string file, DiagnosisCategory expected, string code)
    {
        var body = TestData.Fixture("bybit", file);
        var error = BybitErrors.Classify(TestData.Response(body, 200));

        Assert.Equal((expected, code), (error?.Category, error?.Code));
        Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("retMsg").GetString(), error!.Message);
    }

    [Fact]
    public void The_rate_limit_refusal_resumes_at_the_reset_timestamp()
    {
        var response = TestData.Response(TestData.Fixture("bybit", "error_10006_rate_limited.json"), 200, m => m.Headers.Add("X-Bapi-Limit-Reset-Timestamp", "1693924870000"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1693924870000), BybitErrors.Classify(response)!.RetryAt);
    }

    [Fact]
    public void The_cloudfront_403_page_is_a_blocked_location_not_a_key_problem()
    {
        var wrapper = TestData.FixtureJson("bybit", "error_http403_cloudfront_block.json");
        var error = BybitErrors.Classify(TestData.Response(wrapper.GetProperty("body").GetString()!, wrapper.GetProperty("httpStatus").GetInt32()));

        Assert.Equal(DiagnosisCategory.RegionBlocked, error?.Category);
        Assert.Equal(DiagnosisCategory.RateLimited, Assert.Single(error!.OtherPossibleCauses!));
    }

    [Fact]
    public void An_ip_over_its_limit_is_shut_out_for_ten_minutes()
    {
        var response = TestData.Response("access too frequent", 403);

        Assert.Equal(response.ReceivedAt.AddMinutes(10), BybitErrors.Classify(response) is { Category: DiagnosisCategory.RateLimited } error ? error.RetryAt : null);
    }

    [Fact]
    public void A_401_without_a_body_is_a_key_of_another_environment_or_site()
    {
        var error = BybitErrors.Classify(TestData.Response("", 401));

        Assert.Equal(DiagnosisCategory.InvalidKey, error?.Category);
        Assert.Contains(DiagnosisCategory.WrongEnvironment, error!.OtherPossibleCauses!);
    }

    [Theory]
    [InlineData("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{},\"retExtInfo\":{},\"time\":1}")]
    [InlineData("{\"retCode\":0,\"retMsg\":\"\",\"result\":{},\"retExtInfo\":{},\"time\":1}")]
    public void A_success_is_not_an_error(string body)
    {
        Assert.Null(BybitErrors.Classify(TestData.Response(body, 200)));
    }
}
