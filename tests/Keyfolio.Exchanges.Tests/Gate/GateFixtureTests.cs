using Keyfolio.Exchanges.Gate;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Gate;

public sealed class GateFixtureTests
{
    [Fact]
    public void The_spot_accounts_fixture_parses()
    {
        Assert.Equal(new AssetBalance(WalletKind.Spot, "ETH", "ETH", 968.8m, 0m, 968.8m), Assert.Single(GateResponses.SpotBalances(TestData.FixtureJson("gate", "spot_accounts_GET_api_v4_spot_accounts.json"))));
    }

    [Fact]
    public void An_isolated_margin_pair_counts_each_side_net_of_what_it_borrowed_and_owes()
    {
        // Source: Gate API v4 docs, "Margin account list" example (fixtures/gate/wallet_margin_….source.txt).
        var balances = GateResponses.MarginBalances(TestData.FixtureJson("gate", "wallet_margin_GET_api_v4_margin_accounts.json"))!;

        Assert.Equal(
            [(WalletKind.Margin, "BTC", 0.047060413211m, 0m, 0.047060413211m - 0.047233m), (WalletKind.Margin, "USDT", 1234m, 0m, 1234m)],
            balances.Select(b => (b.Wallet, b.Asset, b.Free, b.Locked, b.Total)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"currency_pair":"ETH_USDT","account_type":"inactive","base":{"currency":"ETH","available":"0"},"quote":{"currency":"USDT","available":"0"}}]""")]
    public void A_margin_list_without_an_active_pair_is_a_margin_account_never_opened(string body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);

        Assert.Null(GateResponses.MarginBalances(document.RootElement));
    }

    [Theory]
    [InlineData("wallet_futures_usdt_GET_api_v4_futures_usdt_accounts.json")]
    [InlineData("wallet_delivery_usdt_GET_api_v4_delivery_usdt_accounts.json")]
    public void A_futures_account_holds_its_total_plus_unrealised_profit(string file)
    {
        // Source: Gate API v4 docs, "Get futures account" examples of perpetual and delivery futures (their .source.txt).
        var balance = Assert.Single(GateResponses.FuturesBalances(TestData.FixtureJson("gate", file)));

        Assert.Equal((WalletKind.Futures, "USDT"), (balance.Wallet, balance.Asset));
        Assert.Equal(9707.803567115145m + 3371.248828m, balance.Total);
        Assert.Equal(9669.091377934145m, balance.Free);
    }

    [Fact]
    public void An_options_account_holds_its_equity_cash_plus_position_value()
    {
        // Source: Gate API v4 docs, options "Query account information" example.
        var balance = Assert.Single(GateResponses.OptionsBalances(TestData.FixtureJson("gate", "wallet_options_GET_api_v4_options_accounts.json")));

        Assert.Equal((WalletKind.Options, "USDT", 1610.329422m), (balance.Wallet, balance.Asset, balance.Total));
        Assert.Equal(1650.443022m - 40.1136m, balance.Total);
    }

    [Fact]
    public void A_lending_order_holds_the_amount_lent()
    {
        // Source: Gate API v4 docs, EarnUni "Query user's lending order list" example.
        var balance = Assert.Single(GateResponses.UniLends(TestData.FixtureJson("gate", "wallet_uni_lends_GET_api_v4_earn_uni_lends.json")));

        Assert.Equal(new AssetBalance(WalletKind.Earn, "BTC", "BTC", 20.999992m, 0m, 20.999992m), balance);
    }

    [Fact]
    public void The_total_balance_gives_each_account_value_as_a_cross_check()
    {
        // Source: Gate API v4 docs, wallet "Query personal account totals" example.
        var (currency, total, accounts) = GateResponses.TotalBalance(TestData.FixtureJson("gate", "wallet_total_GET_api_v4_wallet_total_balance.json"));

        Assert.Equal("USDT", currency);
        Assert.Equal(633967350312281193.07m, Math.Round(total, 2));
        Assert.Equal(2384175.5606114082065m, accounts["futures"]);
        Assert.Equal(1519804.9756702m, accounts["delivery"]);
        Assert.Equal(12, accounts.Count);
    }

    [Fact]
    public void A_futures_account_never_opened_is_told_apart_by_its_label()
    {
        // Source: a real answer quoted in ccxt/ccxt#13249 (its .source.txt); its status is not quoted, so 400 here.
        var error = GateErrors.Classify(TestData.FixtureResponse("gate", "wallet_notopened_futures_GET_api_v4_futures_usdt_accounts.json", 400))!;

        Assert.Equal((GateErrors.NotOpened, "please transfer funds first to create futures account"), (error.Code, error.Message));
    }

    [Fact]
    public void The_calling_key_is_found_among_the_main_keys_by_its_visible_prefix()
    {
        var (userId, ips) = GateResponses.Detail(TestData.FixtureJson("gate", "account_detail_GET_api_v4_account_detail.json"));

        var facts = GateResponses.MainKey(TestData.FixtureJson("gate", "account_main_keys_GET_api_v4_account_main_keys.json"), "52fd0035f665aaaabbbbccccddddeeee", userId, ips)!;

        Assert.Equal("test2", facts.Label);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.SpotTrade]);
        Assert.Equal(PermissionState.Absent, facts[KeyPermission.Withdraw]);
        Assert.Equal(["127.0.0.1"], facts.IpWhitelist);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1753897991), facts.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1753897991), facts.LastAccessAt);
        Assert.Equal("1667201533", facts.Account.AccountId);
    }

    [Fact]
    public void A_key_missing_from_the_main_keys_is_not_matched()
    {
        Assert.Null(GateResponses.MainKey(TestData.FixtureJson("gate", "account_main_keys_GET_api_v4_account_main_keys.json"), "ffffffff", "1", []));
    }

    [Theory]
    [InlineData("error_FORBIDDEN.json", 403, DiagnosisCategory.MissingPermission)]
    [InlineData("error_INVALID_KEY.json", 401, DiagnosisCategory.InvalidKey)]
    [InlineData("error_INVALID_KEY_live.json", 401, DiagnosisCategory.InvalidKey)]
    [InlineData("error_INVALID_SIGNATURE.json", 401, DiagnosisCategory.BadSignature)]
    [InlineData("error_INVALID_SIGNATURE_live.json", 401, DiagnosisCategory.BadSignature)]
    [InlineData("error_IP_FORBIDDEN.json", 403, DiagnosisCategory.IpNotAllowed)]
    [InlineData("error_READ_ONLY.json", 403, DiagnosisCategory.MissingPermission)]
    [InlineData("error_REQUEST_EXPIRED.json", 401, DiagnosisCategory.ClockSkew)]
    [InlineData("error_TOO_MANY_REQUESTS.json", 429, DiagnosisCategory.RateLimited)]
    public void Every_error_fixture_is_classified(string file, int status, DiagnosisCategory expected)
    {
        Assert.Equal(expected, GateErrors.Classify(TestData.FixtureResponse("gate", file, status))?.Category);
    }

    [Fact]
    public void The_time_fixture_gives_the_server_time()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new GateProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597026383085), clock.Parse(TestData.Fixture("gate", "time_GET_api_v4_spot_time.json")));
    }
}
