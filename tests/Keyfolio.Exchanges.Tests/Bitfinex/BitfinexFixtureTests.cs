using Keyfolio.Exchanges.Bitfinex;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bitfinex;

public sealed class BitfinexFixtureTests
{
    [Fact]
    public void Wallet_rows_without_an_available_balance_count_the_whole_balance_as_free()
    {
        var balances = BitfinexResponses.Wallets(TestData.FixtureJson("bitfinex", "wallets_POST_v2_auth_r_wallets.json"));

        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "BTC", 5.15334045m, 0m, 5.15334045m), balances[0]);
        Assert.Equal(15m, balances[1].Total);
    }

    [Fact]
    public void Funding_wallets_and_bitfinex_codes_are_mapped()
    {
        var balances = BitfinexResponses.Wallets(System.Text.Json.JsonDocument.Parse("""[["funding","UST",100,0,60]]""").RootElement);

        Assert.Equal(new AssetBalance(WalletKind.Funding, "USDT", "UST", 60m, 40m, 100m), Assert.Single(balances));
    }

    [Fact]
    public void The_permissions_fixture_is_a_read_only_key()
    {
        var facts = BitfinexResponses.KeyFacts(TestData.FixtureJson("bitfinex", "permissions_POST_v2_auth_r_permissions.json"));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.All([KeyPermission.SpotTrade, KeyPermission.Margin, KeyPermission.Futures, KeyPermission.Withdraw, KeyPermission.InternalTransfer], p => Assert.Equal(PermissionState.Absent, facts[p]));
        Assert.Null(facts.IpWhitelist);
    }

    [Theory]
    [InlineData("error_10001_permission_invalid.json", DiagnosisCategory.MissingPermission)]
    [InlineData("error_10100_apikey_digest_invalid.json", DiagnosisCategory.BadSignature)]
    [InlineData("error_10100_apikey_invalid.json", DiagnosisCategory.InvalidKey)]
    [InlineData("error_10114_nonce_small.json", DiagnosisCategory.NonceUsedElsewhere)]
    [InlineData("error_11010_ratelimit.json", DiagnosisCategory.RateLimited)]
    public void Every_error_fixture_is_classified(string file, DiagnosisCategory expected)
    {
        Assert.Equal(expected, BitfinexErrors.Classify(TestData.FixtureResponse("bitfinex", file, 500))?.Category);
    }
}
