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
    public void Active_positions_give_their_profit_and_loss_per_quote_currency_and_the_margin_wallet_its_equity()
    {
        // A synthetic answer in the documented layout (TestData/SOURCES.md): a long tBTCUSD at +250.5 USD and a short tETHUSD
        // at −40 USD.
        var pl = BitfinexResponses.PositionsPl(TestData.FixtureJson("bitfinex", "wallet_positions_POST_v2_auth_r_positions.json"));

        Assert.Equal(210.5m, Assert.Single(pl, p => p.Key == "USD").Value);
        var wallets = BitfinexResponses.WithPositions(
            [new AssetBalance(WalletKind.Margin, "USD", "USD", 800m, 200m, 1000m), new AssetBalance(WalletKind.Spot, "USD", "USD", 5m, 0m, 5m)],
            pl);
        Assert.Equal(new AssetBalance(WalletKind.Margin, "USD", "USD", 800m, 200m, 1210.5m), wallets[0]);
        Assert.Equal(5m, wallets[1].Total);
    }

    [Fact]
    public void A_closed_position_counts_nothing_and_a_derivatives_position_is_stated_in_its_collateral_currency()
    {
        var pl = BitfinexResponses.PositionsPl(System.Text.Json.JsonDocument.Parse(
            """[["tBTCUSD","CLOSED",0.5,30000,0,0,99,1,null,1,null,1,0,0,null,0,null,0,0,null],["tBTCF0:USTF0","ACTIVE",0.1,60000,0,0,-12.5,-0.2,30000,2,null,2,0,0,null,1,null,0,0,null]]""").RootElement);

        var (code, amount) = Assert.Single(pl);
        Assert.Equal(("USTF0", -12.5m), (code, amount));
        var margin = Assert.Single(BitfinexResponses.WithPositions([], pl));
        Assert.Equal((WalletKind.Margin, "USTF0", 0m, -12.5m), (margin.Wallet, margin.ExchangeAsset, margin.Free, margin.Total));
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
