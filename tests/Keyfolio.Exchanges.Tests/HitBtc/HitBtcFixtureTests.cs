using Keyfolio.Exchanges.HitBtc;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.HitBtc;

public sealed class HitBtcFixtureTests
{
    [Fact]
    public void The_balance_fixture_parses_available_and_reserved()
    {
        var balances = HitBtcResponses.Balances(TestData.FixtureJson("hitbtc", "balance_GET_api_3_spot_balance.json"), WalletKind.Spot);

        Assert.Equal(new AssetBalance(WalletKind.Spot, "ETH", "ETH", 10m, 0.56m, 10.56m), balances[1]);
    }

    [Theory]
    [InlineData("error_1002_authorization_failed.json", 401, DiagnosisCategory.BadSignature)]
    [InlineData("error_600_action_not_allowed.json", 403, DiagnosisCategory.MissingPermission)]
    public void Every_error_fixture_is_classified(string file, int status, DiagnosisCategory expected)
    {
        Assert.Equal(expected, HitBtcErrors.Classify(TestData.FixtureResponse("hitbtc", file, status))?.Category);
    }

    [Theory]
    [InlineData("Invalid API key", DiagnosisCategory.InvalidKey)]
    [InlineData("Timestamp is out of the window", DiagnosisCategory.ClockSkew)]
    [InlineData("IP address 203.0.113.9 is not allowed", DiagnosisCategory.IpNotAllowed)]
    [InlineData("", DiagnosisCategory.InvalidKey)]
    public void Authorization_failures_are_told_apart_by_their_description(string description, DiagnosisCategory expected)
    {
        var body = $$$"""{"error":{"code":1002,"message":"Authorization is required or has been failed","description":"{{{description}}}"}}""";

        Assert.Equal(expected, HitBtcErrors.Classify(TestData.Response(body, 401))?.Category);
    }
}
