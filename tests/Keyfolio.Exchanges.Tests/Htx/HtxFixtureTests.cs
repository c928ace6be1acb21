using Keyfolio.Exchanges.Htx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Htx;

public sealed class HtxFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_documented_accounts_give_the_spot_account()
    {
        Assert.Equal([(100001L, WalletKind.Spot)], HtxResponses.Accounts(TestData.FixtureJson("htx", "accounts_GET_v1_account_accounts.json")).Select(a => (a.Id, a.Wallet)));
    }

    [Fact]
    public void Otc_and_point_accounts_are_funding_wallets_under_their_htx_names()
    {
        // Source: HTX docs, "Get all Accounts of the Current User" example (its .source.txt).
        var accounts = HtxResponses.Accounts(TestData.FixtureJson("htx", "wallet_accounts_all_GET_v1_account_accounts.json"));

        Assert.Equal([(10000001L, WalletKind.Spot, "spot"), (10000002L, WalletKind.Funding, "otc"), (10000003L, WalletKind.Funding, "point")], accounts.Select(a => (a.Id, a.Wallet, a.Name)));
    }

    [Theory]
    [InlineData("wallet_margin_cross_GET_v1_cross-margin_accounts_balance.json")]
    [InlineData("wallet_margin_isolated_GET_v1_margin_accounts_balance.json")]
    public void A_margin_balance_counts_net_of_its_loan_and_interest_and_never_its_capacity(string file)
    {
        // Source: HTX docs, the margin loan account balance examples (cross and isolated; their .source.txt). Their rows are
        // those of an account balance, so the account balance's parser reads them: the isolated list is one account's.
        var body = TestData.Fixture("htx", file);
        using var document = System.Text.Json.JsonDocument.Parse(file.Contains("isolated", StringComparison.Ordinal)
            ? "{\"data\":" + System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data")[0].GetRawText() + "}"
            : body);

        var btc = Assert.Single(HtxResponses.Balances(document.RootElement, WalletKind.Margin));

        Assert.Equal((1168.533m, 0m), (btc.Free, btc.Locked));
        Assert.Equal(1168.533m - 2.433m - 0.000533m, btc.Total);
    }

    [Fact]
    public void A_spot_balance_sums_each_currency_with_the_invalid_fields_ignored()
    {
        var balances = HtxResponses.Balances(TestData.FixtureJson("htx", "wallet_spot_balance_GET_v1_account_accounts_id_balance.json"), WalletKind.Spot);

        Assert.Equal([("USDT", 91.850043797676510303m + 5.160000000000000015m), ("POLY", 147.928994082840236m)], balances.Select(b => (b.Asset, b.Total)));
    }

    [Fact]
    public void A_coin_margined_swap_account_holds_its_margin_balance_with_unrealised_profit()
    {
        // Source: HTX docs, coin-margined swaps "Query User's Account Information" example.
        var theta = Assert.Single(HtxResponses.ContractBalances(TestData.FixtureJson("htx", "wallet_swap_coin_POST_swap-api_v1_swap_account_info.json")));

        Assert.Equal((WalletKind.Futures, "THETA", 717.6009609625614m), (theta.Wallet, theta.Asset, theta.Total));
        Assert.Equal(723.9229498590471m - 6.321988896485648m, theta.Total, 10);
    }

    [Fact]
    public void The_unified_account_holds_each_margin_asset_at_its_margin_balance_and_skips_the_empty_ones()
    {
        // Source: HTX docs, "Query unified account assets" example: HUSD and HT rows at zero, then USDT.
        var balances = HtxResponses.ContractBalances(TestData.FixtureJson("htx", "wallet_unified_GET_linear-swap-api_v3_unified_account_info.json"));

        var usdt = Assert.Single(balances);
        Assert.Equal((WalletKind.Futures, "USDT", 19.92483057113564m), (usdt.Wallet, usdt.Asset, usdt.Total));
    }

    [Theory]
    [InlineData("wallet_unified4002_POST_linear-swap-api_v1_swap_cross_account_info.json", "4002")]
    [InlineData("wallet_notopened_POST_api_v1_contract_account_info.json", "1010")]
    [InlineData("wallet_notopened1220_POST_linear-swap-api_v1_swap_cross_account_info.json", "1220")]
    public void The_derivatives_answers_that_switch_or_mean_not_opened_keep_their_code(string file, string code)
    {
        var error = HtxErrors.Classify(TestData.FixtureResponse("htx", file, 200))!;

        Assert.Equal((DiagnosisCategory.ExchangeUnavailable, code), (error.Category, error.Code));
    }

    [Fact]
    public void The_documented_balance_joins_trade_and_frozen_rows_of_one_currency()
    {
        var btc = Assert.Single(HtxResponses.Balances(TestData.FixtureJson("htx", "balance_GET_v1_account_accounts_id_balance.json"), WalletKind.Spot));

        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "btc", 5007.4362872650m, 348.1199920000m, 5355.556279265m), btc);
    }

    [Fact]
    public void The_documented_key_information_maps_rights_ips_and_a_permanent_key()
    {
        var facts = HtxResponses.KeyFacts(TestData.FixtureJson("htx", "apikey_GET_v2_user_api-key.json"), "4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte", "63628520", Now);

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.SpotTrade]);
        Assert.False(facts.CanWithdraw);
        Assert.Equal(["1.1.1.1", "1.1.1.2"], facts.IpWhitelist);
        Assert.Null(facts.Expiry);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1591348751000), facts.CreatedAt);
        Assert.Equal("63628520", facts.Account.AccountId);
    }

    [Fact]
    public void Valid_days_give_the_expiry()
    {
        var body = TestData.Fixture("htx", "apikey_GET_v2_user_api-key.json").Replace("\"validDays\": -1", "\"validDays\": 2", StringComparison.Ordinal);

        var facts = HtxResponses.KeyFacts(System.Text.Json.JsonDocument.Parse(body).RootElement, "4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte", "1", Now);

        Assert.Equal((KeyExpiryKind.Key, Now.AddDays(2)), (facts.Expiry!.Kind, facts.Expiry.At));
    }

    [Fact]
    public void The_uid_fixture_gives_the_uid()
    {
        Assert.Equal("63628520", HtxResponses.Uid(TestData.FixtureJson("htx", "uid_GET_v2_user_uid.json")));
    }

    [Theory]
    [InlineData("error_api-signature-not-valid_incorrect_access_key.json", DiagnosisCategory.InvalidKey)]
    [InlineData("error_api-signature-not-valid_no_permission.json", DiagnosisCategory.MissingPermission)]
    [InlineData("error_api-signature-not-valid_verification_failure.json", DiagnosisCategory.BadSignature)]
    [InlineData("error_contract_403_incorrect_access_key.json", DiagnosisCategory.InvalidKey)]
    public void Every_error_fixture_is_told_apart_by_its_message(string file, DiagnosisCategory expected)
    {
        Assert.Equal(expected, HtxErrors.Classify(TestData.FixtureResponse("htx", file, 200))?.Category);
    }

    [Theory]
    [InlineData("Signature not valid: Incorrect IP address [IP地址错误]:203.0.113.9", DiagnosisCategory.IpNotAllowed)]
    [InlineData("Signature not valid: Invalid submission time [无效的提交时间]", DiagnosisCategory.ClockSkew)]
    [InlineData("Signature not valid: API key has expired [API Key已过期]", DiagnosisCategory.KeyExpired)]
    public void The_contract_messages_are_told_apart(string message, DiagnosisCategory expected)
    {
        var body = $$"""{"status":"error","err-code":"api-signature-not-valid","err-msg":"{{message}}","data":null}""";

        var error = HtxErrors.Classify(TestData.Response(body));

        Assert.Equal(expected, error?.Category);
        Assert.Equal(expected == DiagnosisCategory.IpNotAllowed ? "203.0.113.9" : null, error?.CallerIp);
    }

    [Fact]
    public void The_time_fixture_gives_the_server_time()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new HtxProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1629715504949), clock.Parse(TestData.Fixture("htx", "time_GET_v1_common_timestamp.json")));
    }
}
