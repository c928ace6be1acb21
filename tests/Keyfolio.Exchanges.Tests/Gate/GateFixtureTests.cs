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
