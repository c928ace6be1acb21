using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

public sealed class BinanceFixtureTests
{
    [Fact]
    public void The_documented_account_parses_into_spot_balances()
    {
        var balances = BinanceResponses.SpotBalances(TestData.FixtureJson("binance", "account_GET_api_v3_account.json"));

        Assert.Equal(2, balances.Count);
        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "BTC", 4723846.89208129m, 0m, 4723846.89208129m), balances[0]);
    }

    [Fact]
    public void The_documented_restrictions_map_to_a_read_only_key_without_ip_restriction()
    {
        var facts = BinanceResponses.KeyFacts(TestData.FixtureJson("binance", "apiRestrictions_GET_sapi_v1_account_apiRestrictions.json"));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.False(facts.CanTrade);
        Assert.False(facts.CanWithdraw);
        Assert.Equal(false, facts.IpRestricted);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1698645219000), facts.CreatedAt);
        Assert.Contains("enablePortfolioMarginTrading", facts.ExchangePermissions);
        Assert.Null(facts.Expiry);
    }

    [Fact]
    public void A_trading_authority_expiration_time_is_the_expiry_of_the_trading_right()
    {
        var facts = BinanceResponses.KeyFacts(TestData.FixtureJson("binance", "apiRestrictions_with_tradingAuthorityExpirationTime.json"));

        Assert.Equal(PermissionState.Granted, facts[KeyPermission.SpotTrade]);
        Assert.Equal(new KeyExpiry(KeyExpiryKind.TradingRight, DateTimeOffset.FromUnixTimeMilliseconds(1646085600000), facts.Expiry!.Rule), facts.Expiry);
    }

    [Theory]
    [InlineData("error_-1003_too_many_requests.json", 429, DiagnosisCategory.RateLimited)]
    [InlineData("error_-1021_timestamp_outside_recvwindow.json", 400, DiagnosisCategory.ClockSkew)]
    [InlineData("error_-1022_invalid_signature.json", 400, DiagnosisCategory.BadSignature)]
    [InlineData("error_-2014_bad_api_key_format.json", 401, DiagnosisCategory.InvalidKey)]
    [InlineData("error_-2015_rejected_key_ip_or_permission.json", 401, DiagnosisCategory.InvalidKey)]
    public void Every_error_fixture_is_classified(string file, int status, DiagnosisCategory expected)
    {
        var error = BinanceErrors.Classify(TestData.FixtureResponse("binance", file, status));

        Assert.Equal(expected, error?.Category);
        Assert.StartsWith("-", error!.Code, StringComparison.Ordinal);
        Assert.NotNull(error.Message);
    }

    [Fact]
    public void Rejected_key_names_its_other_possible_causes()
    {
        var error = BinanceErrors.Classify(TestData.FixtureResponse("binance", "error_-2015_rejected_key_ip_or_permission.json", 401))!;

        Assert.Equal([DiagnosisCategory.IpNotAllowed, DiagnosisCategory.MissingPermission, DiagnosisCategory.WrongEnvironment], error.OtherPossibleCauses);
    }

    [Fact]
    public void An_ip_ban_is_over_when_its_message_says()
    {
        var error = BinanceErrors.Classify(TestData.Response("""{"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000000000. Please use WebSocket Streams."}""", 418));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), error?.RetryAt);
    }

    [Fact]
    public void The_time_fixture_gives_the_server_time()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new BinanceProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1499827319559), clock.Parse(TestData.Fixture("binance", "time_GET_api_v3_time.json")));
    }
}
