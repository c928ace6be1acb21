using Keyfolio.Exchanges.Coinbase;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Coinbase;

public sealed class CoinbaseFixtureTests
{
    [Fact]
    public void The_first_accounts_page_holds_available_plus_hold_and_names_the_next_cursor()
    {
        var page = CoinbaseResponses.Accounts(TestData.FixtureJson("coinbase", "accounts_GET_api_v3_brokerage_accounts_page1.json"));

        Assert.Equal(
            [new AssetBalance(WalletKind.Spot, "BTC", "BTC", 0.051234m, 0.01m, 0.061234m), new AssetBalance(WalletKind.Spot, "USD", "USD", 1250.42m, 0m, 1250.42m)],
            page.Balances);
        Assert.Equal("0c4e3f1a-6b2d-4a9e-8f71-2d5c9b0e4a66", page.NextCursor);
        Assert.Equal(0, page.Vaults);
    }

    [Fact]
    public void The_last_accounts_page_reads_the_vault_as_its_own_wallet_and_skips_empty_accounts()
    {
        var page = CoinbaseResponses.Accounts(TestData.FixtureJson("coinbase", "accounts_GET_api_v3_brokerage_accounts_page2.json"));

        Assert.Equal([new AssetBalance(WalletKind.Funding, "BTC", "BTC", 0.2m, 0m, 0.2m)], page.Balances);
        Assert.Null(page.NextCursor);
        Assert.Equal(1, page.Vaults);
    }

    [Fact]
    public void A_view_only_key_reads_and_can_neither_trade_nor_transfer_and_names_its_portfolio()
    {
        var facts = CoinbaseResponses.KeyFacts(TestData.FixtureJson("coinbase", "key_permissions_GET_api_v3_brokerage_key_permissions_view_only.json"));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.All([KeyPermission.SpotTrade, KeyPermission.Margin, KeyPermission.Futures, KeyPermission.Withdraw, KeyPermission.InternalTransfer], p => Assert.Equal(PermissionState.Absent, facts[p]));
        Assert.Equal(["view"], facts.ExchangePermissions);
        Assert.Equal(("2b7f4c1e-8d3a-4f6b-9e2c-5a1d7c3b9e04", "portfolio DEFAULT"), (facts.Account.AccountId, facts.Account.AccountMode));
        Assert.Null(facts.IpRestricted);
        Assert.Null(facts.Expiry);
    }

    [Fact]
    public void Transfer_is_the_withdrawal_right()
    {
        var facts = CoinbaseResponses.KeyFacts(TestData.Json("""{"can_view":true,"can_trade":true,"can_transfer":true,"portfolio_uuid":"p","portfolio_type":"DEFAULT"}"""));

        Assert.True(facts.CanWithdraw);
        Assert.True(facts.CanTrade);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.InternalTransfer]);
        Assert.Equal(["view", "trade", "transfer"], facts.ExchangePermissions);
    }

    [Fact]
    public void The_server_time_is_read_from_its_string_milliseconds()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1709005034333), CoinbaseResponses.ServerTime(TestData.Fixture("coinbase", "time_GET_api_v3_brokerage_time.json")));
    }

    [Fact]
    public void A_public_product_gives_its_last_price()
    {
        var product = TestData.Fixture("coinbase", "market_product_GET_api_v3_brokerage_market_products_BTC-USD.json");
        var markets = CoinbaseResponses.Markets(TestData.Json("{\"products\":[" + product + "],\"num_products\":1}")).ToList();

        Assert.Equal([new Parsing.Market("BTC", "USD", 67060m)], markets);
    }

    [Fact]
    public void The_bare_401_is_an_invalid_key_with_the_other_causes_named()
    {
        var error = CoinbaseErrors.Classify(TestData.Response("Unauthorized", 401))!;

        Assert.Equal((DiagnosisCategory.InvalidKey, "401", "Unauthorized"), (error.Category, error.Code, error.Message));
        Assert.Equal([DiagnosisCategory.BadSignature, DiagnosisCategory.IpNotAllowed, DiagnosisCategory.ClockSkew], error.OtherPossibleCauses);
    }

    [Theory]
    [InlineData("error_403_missing_required_scopes.json", 403, DiagnosisCategory.MissingPermission, "PERMISSION_DENIED", "Missing required scopes")]
    [InlineData("error_403_portfolio_access_denied.json", 403, DiagnosisCategory.MissingPermission, "PERMISSION_DENIED", "User does not have access to portfolio")]
    [InlineData("error_400_invalid_argument.json", 400, DiagnosisCategory.ExchangeUnavailable, "INVALID_ARGUMENT", "account is not available")]
    [InlineData("error_404_not_found.json", 404, DiagnosisCategory.ExchangeUnavailable, "NOT_FOUND", "order with this orderID was not found")]
    [InlineData("error_429_v2_rate_limit_exceeded.json", 429, DiagnosisCategory.RateLimited, "rate_limit_exceeded", "Too many requests")]
    public void Each_error_fixture_is_classified_with_coinbase_s_code_and_message(string file, int status, DiagnosisCategory category, string code, string message)
    {
        var error = CoinbaseErrors.Classify(TestData.FixtureResponse("coinbase", file, status))!;

        Assert.Equal((category, code, message), (error.Category, error.Code, error.Message));
    }

    [Fact]
    public void A_success_is_no_error()
    {
        Assert.Null(CoinbaseErrors.Classify(TestData.FixtureResponse("coinbase", "key_permissions_GET_api_v3_brokerage_key_permissions_view_only.json", 200)));
    }
}
