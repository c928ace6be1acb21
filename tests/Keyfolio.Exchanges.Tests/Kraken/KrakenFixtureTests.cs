using System.Globalization;
using System.Text.Json;
using Keyfolio.Exchanges.Kraken;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kraken;

public sealed class KrakenFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-09-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_documented_balance_folds_legacy_codes_and_puts_staked_and_rewards_codes_in_their_wallets()
    {
        var balances = KrakenResponses.Balances(TestData.FixtureJson("kraken", "balance_POST_0_private_Balance.json"));

        Assert.Equal(new AssetBalance(WalletKind.Spot, "USD", "ZUSD", 171288.6158m, 0m, 171288.6158m), balances.Single(b => b.ExchangeAsset == "ZUSD"));
        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "XXBT", 1011.19088779m, 0m, 1011.19088779m), balances.Single(b => b.ExchangeAsset == "XXBT"));
        Assert.Equal((WalletKind.Spot, "EUR"), (balances.Single(b => b.ExchangeAsset == "ZEUR").Wallet, balances.Single(b => b.ExchangeAsset == "ZEUR").Asset));
        Assert.Equal((WalletKind.Staking, "ETH", 198.39708m), Of(balances, "ETH2.S"));
        Assert.Equal((WalletKind.Staking, "ETH", 2.588557433m), Of(balances, "ETH2"));
        Assert.Equal((WalletKind.Earn, "USD", 1213029.278m), Of(balances, "USD.M"));
        Assert.Equal((WalletKind.Spot, "USDT", 500000m), Of(balances, "USDT"));
        Assert.Equal(10, balances.Count);
    }

    [Fact]
    public void Every_suffix_has_its_wallet_and_fee_credits_are_no_holding()
    {
        var balances = KrakenResponses.Balances(TestData.FixtureJson("kraken", "balance_synthetic_all_suffixes.json"));

        Assert.Equal((WalletKind.Earn, "BTC", 0.1m), Of(balances, "XBT.M"));
        Assert.Equal((WalletKind.Earn, "USDT", 250m), Of(balances, "USDT.F"));
        Assert.Equal((WalletKind.Staking, "DOT", 120m), Of(balances, "DOT.S"));
        Assert.Equal((WalletKind.Staking, "DOT", 10m), Of(balances, "DOT.P"));
        Assert.Equal((WalletKind.Staking, "SOL", 12.5m), Of(balances, "SOL.B"));
        Assert.Equal((WalletKind.Spot, "BTC", 0.5m), Of(balances, "XXBT"));
        Assert.DoesNotContain(balances, b => b.ExchangeAsset == "KFEE");
        Assert.DoesNotContain(balances, b => b.ExchangeAsset == "ZEUR");

        // Each code is its own amount: nothing is counted twice.
        Assert.Equal(0.6m, balances.Where(b => b.Asset == "BTC").Sum(b => b.Total));
    }

    [Fact]
    public void The_extended_balance_subtracts_what_open_orders_hold_from_numbers_and_strings_alike()
    {
        var documented = KrakenResponses.Balances(TestData.FixtureJson("kraken", "balanceex_POST_0_private_BalanceEx.json"));
        var captured = KrakenResponses.Balances(TestData.FixtureJson("kraken", "balanceex_captured_strings.json"));

        Assert.Equal(new AssetBalance(WalletKind.Spot, "USD", "ZUSD", 17185.45m, 8249.76m, 25435.21m), documented.Single(b => b.Asset == "USD"));
        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "XXBT", 0.4012m, 0.8423m, 1.2435m), documented.Single(b => b.Asset == "BTC"));
        Assert.Equal(new AssetBalance(WalletKind.Spot, "USD", "ZUSD", 4.705m, 17.2m, 21.905m), captured.Single(b => b.Asset == "USD"));
        Assert.Equal(["BTC", "EUR", "USD"], captured.Select(b => b.Asset).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Earn_allocations_add_only_what_the_balance_does_not_show()
    {
        var allocations = KrakenResponses.Allocations(TestData.FixtureJson("kraken", "earn_allocations_POST_0_private_Earn_Allocations.json"));
        AssetBalance[] shown = [new(WalletKind.Staking, "ETH", "ETH.B", 0.021m, 0m, 0.021m)];
        AssetBalance[] partly = [new(WalletKind.Earn, "ETH", "ETH.F", 0.001m, 0m, 0.001m)];

        Assert.Equal(("ETH", 0.021m), allocations["ETH"]);
        Assert.Equal(shown, KrakenResponses.WithAllocations(shown, allocations));
        Assert.Equal(new AssetBalance(WalletKind.Earn, "ETH", "ETH", 0.02m, 0m, 0.02m), KrakenResponses.WithAllocations(partly, allocations)[1]);
        Assert.Equal(0.021m, KrakenResponses.WithAllocations([], allocations).Single().Total);
    }

    [Fact]
    public void The_documented_key_info_is_a_key_that_can_trade_and_withdraw()
    {
        var facts = KrakenResponses.KeyFacts(TestData.FixtureJson("kraken", "getapikeyinfo_POST_0_private_GetApiKeyInfo.json"), Now);

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.SpotTrade]);
        Assert.True(facts.CanWithdraw);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.InternalTransfer]);
        Assert.Equal(PermissionState.Absent, facts[KeyPermission.Futures]);
        Assert.Equal(["query-funds", "withdraw-funds", "query-open-trades", "modify-trades"], facts.ExchangePermissions);
        Assert.Equal(false, facts.IpRestricted);
        Assert.Empty(facts.IpWhitelist!);
        Assert.Null(facts.Expiry);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772542900), facts.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772627061), facts.LastAccessAt);
        Assert.Equal("my-api-key", facts.Label);
        Assert.StartsWith("iiban-", facts.Account.AccountId, StringComparison.Ordinal);
        Assert.DoesNotContain("N84G", facts.Account.AccountId, StringComparison.Ordinal);
        Assert.False(facts.Inferred);
    }

    [Fact]
    public void A_query_only_key_with_an_allowlist_and_an_expiry_date_says_so()
    {
        var facts = KrakenResponses.KeyFacts(TestData.FixtureJson("kraken", "getapikeyinfo_synthetic_query_only_restricted.json"), Now);
        var later = KrakenResponses.KeyFacts(TestData.FixtureJson("kraken", "getapikeyinfo_synthetic_query_only_restricted.json"), DateTimeOffset.FromUnixTimeSeconds(1798761600));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.All([KeyPermission.SpotTrade, KeyPermission.Margin, KeyPermission.Withdraw, KeyPermission.InternalTransfer], p => Assert.Equal(PermissionState.Absent, facts[p]));
        Assert.Equal(["203.0.113.7", "2001:db8::/32"], facts.IpWhitelist);
        Assert.Equal(true, facts.IpRestricted);
        Assert.Equal(new KeyExpiry(KeyExpiryKind.Key, DateTimeOffset.FromUnixTimeSeconds(1798761600), facts.Expiry!.Rule), facts.Expiry);
        Assert.Equal(KeyExpiryKind.Expired, later.Expiry!.Kind);
    }

    [Fact]
    public void A_right_kraken_does_not_document_leaves_the_dangerous_rights_unknown()
    {
        var facts = KrakenResponses.KeyFacts(JsonDocument.Parse("""{"error":[],"result":{"permissions":["query-funds","new-power"],"ipAllowlist":[],"validUntil":"0"}}""").RootElement, Now);

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.Equal(PermissionState.Unknown, facts[KeyPermission.Withdraw]);
        Assert.Equal(PermissionState.Unknown, facts[KeyPermission.SpotTrade]);
    }

    [Fact]
    public void Tickers_are_keyed_by_the_canonical_pair_names_of_the_asset_pairs()
    {
        var pairs = KrakenResponses.Pairs(TestData.FixtureJson("kraken", "assetpairs_GET_0_public_AssetPairs.json"));
        var markets = KrakenResponses.Markets(TestData.FixtureJson("kraken", "ticker_GET_0_public_Ticker_pair_XBTUSD.json"), pairs).ToList();

        Assert.Equal(("ETH", "BTC"), pairs["XETHXXBT"]);
        Assert.Equal(("BTC", "USD"), pairs["XXBTZUSD"]);
        var market = Assert.Single(markets);
        Assert.Equal(("BTC", "USD", 3537.5m), (market.Base, market.Quote, market.Price));
    }

    [Theory]
    [InlineData("error_EAPI_Invalid_key.json", DiagnosisCategory.InvalidKey, "EAPI:Invalid key")]
    [InlineData("error_EAPI_Invalid_signature.json", DiagnosisCategory.BadSignature, "EAPI:Invalid signature")]
    [InlineData("error_EAPI_Invalid_nonce.json", DiagnosisCategory.NonceUsedElsewhere, "EAPI:Invalid nonce")]
    [InlineData("error_EGeneral_Permission_denied.json", DiagnosisCategory.MissingPermission, "EGeneral:Permission denied")]
    [InlineData("error_EAPI_Rate_limit_exceeded.json", DiagnosisCategory.RateLimited, "EAPI:Rate limit exceeded")]
    [InlineData("error_EService_Throttled.json", DiagnosisCategory.RateLimited, "EService:Throttled")]
    [InlineData("error_EGeneral_Temporary_lockout.json", DiagnosisCategory.RateLimited, "EGeneral:Temporary lockout")]
    [InlineData("error_EGeneral_Invalid_arguments.json", DiagnosisCategory.ExchangeUnavailable, "EGeneral:Invalid arguments")]
    [InlineData("error_EGeneral_Internal_error.json", DiagnosisCategory.ExchangeUnavailable, "EGeneral:Internal error")]
    [InlineData("error_EService_Unavailable.json", DiagnosisCategory.ExchangeUnavailable, "EService:Unavailable")]
    [InlineData("error_EService_Busy.json", DiagnosisCategory.ExchangeUnavailable, "EService:Busy")]
    [InlineData("error_EAPI_Feature_disabled.json", DiagnosisCategory.ExchangeUnavailable, "EAPI:Feature disabled")]
    [InlineData("error_EQuery_Unknown_asset_pair.json", DiagnosisCategory.ExchangeUnavailable, "EQuery:Unknown asset pair")]
    public void Every_error_fixture_is_classified_with_kraken_s_code_and_message(string file, DiagnosisCategory expected, string code)
    {
        var response = TestData.FixtureResponse("kraken", file, 200);
        var error = KrakenErrors.Classify(response);
        var message = TestData.FixtureJson("kraken", file).GetProperty("error")[0].GetString();

        Assert.Equal(expected, error?.Category);
        Assert.Equal(code, error!.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Throttling_names_the_time_calls_may_resume_and_the_counter_waits_for_it_to_drain()
    {
        var throttled = KrakenErrors.Classify(TestData.FixtureResponse("kraken", "error_EService_Throttled.json", 200))!;
        var response = TestData.FixtureResponse("kraken", "error_EAPI_Rate_limit_exceeded.json", 200);
        var lockout = TestData.FixtureResponse("kraken", "error_EGeneral_Temporary_lockout.json", 200);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1741500000), throttled.RetryAt);
        Assert.Equal(response.ReceivedAt.AddSeconds(45), KrakenErrors.Classify(response)!.RetryAt);
        Assert.Equal(lockout.ReceivedAt.AddMinutes(15), KrakenErrors.Classify(lockout)!.RetryAt);
    }

    [Fact]
    public void The_signature_and_nonce_refusals_explain_two_factor_passwords_and_nanosecond_nonces()
    {
        var signature = KrakenErrors.Classify(TestData.FixtureResponse("kraken", "error_EAPI_Invalid_signature.json", 200))!;
        var nonce = KrakenErrors.Classify(TestData.FixtureResponse("kraken", "error_EAPI_Invalid_nonce.json", 200))!;

        Assert.Contains("2FA", signature.Fix!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("2FA", signature.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Contains("nanosecond", nonce.Fix!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("纳秒", nonce.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Contains("GetApiKeyInfo", nonce.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":[],"result":{"ZUSD":"1.0"}}""")]
    [InlineData("""{"error":["WGeneral:Something"],"result":{}}""")]
    [InlineData("<html>520</html>")]
    public void A_success_a_warning_or_a_body_that_is_not_kraken_s_is_no_refusal(string body)
    {
        Assert.Null(KrakenErrors.Classify(TestData.Response(body)));
    }

    private static (WalletKind, string, decimal) Of(IReadOnlyList<AssetBalance> balances, string code)
    {
        var balance = balances.Single(b => b.ExchangeAsset == code);
        return (balance.Wallet, balance.Asset, balance.Total);
    }
}
