using Keyfolio.Exchanges.Bittrex;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bittrex;

public sealed class BittrexFixtureTests
{
    [Fact]
    public void The_balances_fixture_gives_locked_as_total_minus_available()
    {
        Assert.Equal(new AssetBalance(WalletKind.Spot, "BTC", "BTC", 0.01m, 0.0023m, 0.0123m), Assert.Single(BittrexResponses.Balances(TestData.FixtureJson("bittrex", "balances_GET_v3_balances.json"))));
    }

    [Theory]
    [InlineData("error_APIKEY_INVALID.json", 401, DiagnosisCategory.InvalidKey)]
    [InlineData("error_INVALID_SIGNATURE.json", 401, DiagnosisCategory.BadSignature)]
    [InlineData("error_INVALID_TIMESTAMP.json", 401, DiagnosisCategory.ClockSkew)]
    [InlineData("error_THROTTLED.json", 429, DiagnosisCategory.RateLimited)]
    public void Every_error_fixture_is_classified(string file, int status, DiagnosisCategory expected)
    {
        Assert.Equal(expected, BittrexErrors.Classify(TestData.FixtureResponse("bittrex", file, status))?.Category);
    }

    [Fact]
    public void The_ping_fixture_gives_the_server_time()
    {
        var clock = (Keyfolio.Exchanges.Http.ClockSource.Endpoint)new BittrexProtocol().Clock;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1542323450016), clock.Parse(TestData.Fixture("bittrex", "ping_GET_v3_ping.json")));
    }
}
