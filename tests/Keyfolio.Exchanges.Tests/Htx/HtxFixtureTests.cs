using Keyfolio.Exchanges.Htx;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Htx;

public sealed class HtxFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_documented_accounts_give_the_spot_account()
    {
        Assert.Equal([(100001L, WalletKind.Spot)], HtxResponses.Accounts(TestData.FixtureJson("htx", "accounts_GET_v1_account_accounts.json")));
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
