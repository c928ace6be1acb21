namespace Keyfolio.Simulator.Tests.Configuration;

public sealed class SimulatorConfigTests
{
    [Theory]
    [InlineData("{\"accounts\":[{\"exchange\":\"mtgox\",\"apiKey\":\"k\",\"secret\":\"s\"}]}", "$.accounts[0].exchange", "'mtgox' is not an exchange")]
    [InlineData("{\"accounts\":[{\"exchange\":\"okx\",\"apiKey\":\"k\",\"secret\":\"s\"}]}", "$.accounts[0].passphrase", "every OKX key has a passphrase")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\",\"permissions\":[\"trade\"]}]}", "$.accounts[0].permissions[0]", "'trade' is not a permission")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\",\"balances\":[{\"wallet\":\"funding\",\"asset\":\"BTC\",\"free\":\"1\"}]}]}", "$.accounts[0].balances[0].wallet", "'funding' is not a gate wallet")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\",\"balances\":[{\"asset\":\"BTC\",\"free\":\"lots\"}]}]}", "$.accounts[0].balances[0].free", "Invalid simulator configuration")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\",\"expiresAt\":\"tomorrow\"}]}", "$.accounts[0].expiresAt", "'tomorrow' is not an instant")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\",\"ipWhitelist\":[\"1.2.3\"]}]}", "$.accounts[0].ipWhitelist[0]", "not an IP address")]
    [InlineData("{\"accounts\":[{\"exchange\":\"binance\",\"apiKey\":\"k\",\"secret\":\"s\",\"region\":\"eea\"}]}", "$.accounts[0].region", "use com or us")]
    [InlineData("{\"accounts\":[],\"prices\":{\"BTC\":\"-1\"}}", "$.prices.BTC", "must be above zero")]
    [InlineData("{\"accounts\":[],\"faults\":[{\"exchange\":\"okx\",\"forcedStatus\":500}]}", "$.faults[0].forcedStatus", "use 429 or 418")]
    [InlineData("{\"accounts\":[],\"rateLimits\":{\"limits\":{\"okx.nothing\":1}}}", "$.rateLimits.limits.okx.nothing", "is not a rate-limit rule")]
    [InlineData("{\"accounts\":[],\"colour\":\"blue\"}", "$", "colour")]
    [InlineData("{\"accounts\":[{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"s\"},{\"exchange\":\"gate\",\"apiKey\":\"k\",\"secret\":\"t\"}]}", "$.accounts[1].apiKey", "repeats a gate key")]
    public void Bad_input_is_refused_with_a_message_naming_the_path_and_the_fix(string json, string path, string problem)
    {
        var error = Assert.Throws<SimulatorConfigException>(() => SimulatorConfig.Parse(json));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_dates_are_evaluated_at_load_time()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        var config = SimulatorConfig.Parse("{\"accounts\":[{\"exchange\":\"htx\",\"apiKey\":\"k\",\"secret\":\"s\",\"createdAt\":\"now-120d\",\"expiresAt\":\"now+2d\",\"lastAccess\":\"now-90m\"}]}", now);

        var account = Assert.Single(config.Accounts);
        Assert.Equal(now.AddDays(-120), account.CreatedAt);
        Assert.Equal(now.AddDays(2), account.ExpiresAt);
        Assert.Equal(now.AddMinutes(-90), account.LastAccess);
    }

    [Fact]
    public void Amounts_are_exact_decimals_and_defaults_are_filled()
    {
        var config = SimulatorConfig.Parse("{\"accounts\":[{\"exchange\":\"okx\",\"apiKey\":\"k\",\"secret\":\"s\",\"passphrase\":\"p\",\"balances\":[{\"asset\":\"BTC\",\"free\":\"0.1\",\"locked\":0.2}]}],\"prices\":{\"BTC\":\"65000.123456789\"}}");

        var account = Assert.Single(config.Accounts);
        Assert.Equal(0.1m, account.Balances[0].Free);
        Assert.Equal(0.2m, account.Balances[0].Locked);
        Assert.Equal(65000.123456789m, config.Prices["BTC"]);
        Assert.Equal("global", account.Region);
        Assert.Equal("live", account.Environment);
        Assert.False(string.IsNullOrEmpty(account.Uid));
        Assert.True(config.RateLimits.Enabled);
    }

    [Fact]
    public void An_account_never_prints_its_secret_or_passphrase()
    {
        var account = SimulatorConfig.Parse("{\"accounts\":[{\"exchange\":\"okx\",\"apiKey\":\"k\",\"secret\":\"CANARY-SECRET\",\"passphrase\":\"CANARY-PASS\",\"label\":\"main\"}]}").Accounts[0];

        Assert.DoesNotContain("CANARY", account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_file_it_cannot_read()
    {
        var missing = Path.Combine(Path.GetTempPath(), "keyfolio-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<SimulatorConfigException>(() => SimulatorConfig.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
