using Keyfolio.Exchanges.Okx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Okx;

public sealed class OkxFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_documented_balance_parses_into_the_trading_account()
    {
        var usdt = Assert.Single(OkxResponses.TradingBalances(TestData.FixtureJson("okx", "balance_GET_api_v5_account_balance.json")));

        Assert.Equal(new AssetBalance(WalletKind.Trading, "USDT", "USDT", 4834.317093622894m, 158.573m, 4992.890093622894m), usdt);
    }

    [Fact]
    public void The_documented_funding_balance_parses_into_the_funding_account()
    {
        var eth = Assert.Single(OkxResponses.FundingBalances(TestData.FixtureJson("okx", "wallet_funding_GET_api_v5_asset_balances.json")));

        Assert.Equal(new AssetBalance(WalletKind.Funding, "ETH", "ETH", 37.11827078m, 0m, 37.11827078m), eth);
    }

    [Fact]
    public void The_documented_saving_balance_counts_amt_the_lent_and_the_pending_part_together()
    {
        var usdt = Assert.Single(OkxResponses.SavingsBalances(TestData.FixtureJson("okx", "wallet_savings_GET_api_v5_finance_savings_balance.json")));

        Assert.Equal(new AssetBalance(WalletKind.Earn, "USDT", "USDT", 11.0010737453457821m, 0m, 11.0010737453457821m), usdt);
        Assert.Equal(11.0010630707982819m + 0.0000106745475002m, usdt.Total);
    }

    [Fact]
    public void The_documented_active_on_chain_orders_sum_what_was_invested_per_currency_without_the_earnings()
    {
        var balances = OkxResponses.OnChainEarn(TestData.FixtureJson("okx", "wallet_onchain_earn_GET_api_v5_finance_staking-defi_orders-active.json"));

        Assert.Equal(
            [new AssetBalance(WalletKind.Staking, "DOT", "DOT", 0m, 2m, 2m), new AssetBalance(WalletKind.Staking, "USDT", "USDT", 0m, 2m, 2m)],
            balances.OrderBy(b => b.Asset, StringComparer.Ordinal));
        Assert.DoesNotContain(balances, b => b.Asset == "COMP");
    }

    [Fact]
    public void A_borrowed_currency_keeps_its_negative_equity_and_the_liability_is_not_subtracted_again()
    {
        var root = TestData.Json("""
            {"code":"0","msg":"","data":[{"totalEq":"100","details":[
              {"ccy":"USDT","eq":"-300.5","cashBal":"-300.5","liab":"800","interest":"0.5","availBal":"0","frozenBal":"0","upl":"0"},
              {"ccy":"BTC","eq":"0.21","cashBal":"0.2","liab":"0","upl":"0.01","availBal":"0.2","frozenBal":"0"}]}]}
            """);

        var balances = OkxResponses.TradingBalances(root);

        Assert.Equal([("USDT", -300.5m), ("BTC", 0.21m)], balances.Select(b => (b.Asset, b.Total)));
    }

    [Fact]
    public void Nothing_saved_or_staked_is_an_empty_wallet()
    {
        var empty = TestData.Json("""{"code":"0","msg":"","data":[]}""");

        Assert.Empty(OkxResponses.SavingsBalances(empty));
        Assert.Empty(OkxResponses.OnChainEarn(empty));
    }

    [Fact]
    public void The_documented_config_maps_rights_account_facts_and_the_14_day_rule()
    {
        var facts = OkxResponses.KeyFacts(TestData.FixtureJson("okx", "config_GET_api_v5_account_config.json"), ExchangeEnvironment.Live, Now);

        Assert.True(facts.CanWithdraw);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Futures]);
        Assert.Empty(facts.IpWhitelist!);
        Assert.Equal("v5 test", facts.Label);
        Assert.Equal(false, facts.Account.IsSubAccount);
        Assert.Equal("single-currency margin", facts.Account.AccountMode);
        Assert.Equal("long_short_mode", facts.Account.PositionMode);
        Assert.Equal((KeyExpiryKind.Inactivity, Now.AddDays(14)), (facts.Expiry!.Kind, facts.Expiry.At));
    }

    [Fact]
    public void A_demo_key_never_expires()
    {
        var facts = OkxResponses.KeyFacts(TestData.FixtureJson("okx", "config_GET_api_v5_account_config.json"), ExchangeEnvironment.Demo, Now);

        Assert.Null(facts.Expiry);
    }

    [Theory]
    [InlineData("error_50011_rate_limited.json", 429, DiagnosisCategory.RateLimited)]
    [InlineData("error_50101_wrong_environment_demo_vs_live.json", 401, DiagnosisCategory.WrongEnvironment)]
    [InlineData("error_50102_timestamp_expired.json", 401, DiagnosisCategory.ClockSkew)]
    [InlineData("error_50105_wrong_passphrase.json", 401, DiagnosisCategory.WrongPassphrase)]
    [InlineData("error_50110_ip_not_whitelisted.json", 401, DiagnosisCategory.IpNotAllowed)]
    [InlineData("error_50111_invalid_key.json", 401, DiagnosisCategory.InvalidKey)]
    [InlineData("error_50113_invalid_signature.json", 401, DiagnosisCategory.BadSignature)]
    [InlineData("error_50120_missing_permission.json", 200, DiagnosisCategory.MissingPermission)]
    public void Every_error_fixture_is_classified(string file, int status, DiagnosisCategory expected)
    {
        Assert.Equal(expected, OkxErrors.Classify(TestData.FixtureResponse("okx", file, status))?.Category);
    }

    [Fact]
    public void An_ip_refusal_names_the_address_okx_saw()
    {
        var error = OkxErrors.Classify(TestData.Response("""{"code":"50110","msg":"Your IP 203.0.113.9 is not included in your API key's IP whitelist.","data":[]}""", 401));

        Assert.Equal("203.0.113.9", error?.CallerIp);
    }

    [Fact]
    public void The_time_fixture_gives_the_server_time()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new OkxProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597026383085), clock.Parse(TestData.Fixture("okx", "time_GET_api_v5_public_time.json")));
    }
}
