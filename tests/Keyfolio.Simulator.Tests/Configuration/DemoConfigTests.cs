using System.Text.RegularExpressions;

namespace Keyfolio.Simulator.Tests.Configuration;

public sealed class DemoConfigTests
{
    private static readonly SimulatorConfig Demo = SimulatorConfig.Demo();

    [Fact]
    public void The_demo_has_a_healthy_account_on_every_exchange_and_a_price_for_every_asset()
    {
        foreach (var exchange in TestSimulator.Exchanges)
        {
            Assert.Contains(Demo.Accounts, a => a.Exchange == exchange && a.Balances.Count > 0 && a.ExpiresAt is null && a.IpWhitelist.All(ip => ip == "127.0.0.1"));
        }

        Assert.All(Demo.Accounts.SelectMany(a => a.Balances), b => Assert.True(Demo.Prices.ContainsKey(b.Asset), b.Asset + " has no price."));
        Assert.All(Demo.Accounts, a => Assert.False(string.IsNullOrWhiteSpace(a.Label)));
    }

    [Fact]
    public void The_demo_has_each_problem_account()
    {
        Assert.Contains(Demo.Accounts, a => a.Permissions.Contains("withdraw"));
        Assert.Contains(Demo.Accounts, a => a.IpWhitelist.Any(ip => ip.StartsWith("203.0.113.", StringComparison.Ordinal)) && a.Exchange is "okx" or "gate");
        Assert.Contains(Demo.Accounts, a => a.Exchange == "htx" && a.ExpiresAt is { } e && e > DateTimeOffset.UtcNow.AddDays(1) && e <= DateTimeOffset.UtcNow.AddDays(2));
        Assert.Contains(Demo.Accounts, a => a.ExpiresAt is { } e && e < DateTimeOffset.UtcNow);
        Assert.Contains(Demo.Accounts, a => a.Exchange == "okx" && a.Label == "wrong-passphrase");
        Assert.Contains(Demo.Accounts, a => a.Exchange == "hitbtc" && !a.Permissions.Contains("transfer") && a.Balances.Any(b => b.Wallet == "wallet"));
        var limited = Assert.Single(Demo.Faults);
        Assert.Equal(429, limited.ForcedStatus);
        Assert.True(limited.RetryAfterSeconds > 0);
        Assert.Contains(Demo.Accounts, a => limited.ApiKeys!.Contains(a.ApiKey));
        Assert.Contains(Demo.OkxOAuth!.Clients, c => c.RedirectUris.Contains("http://127.0.0.1:*"));
    }

    [Theory]
    [InlineData("binance", "^[A-Za-z0-9]{64}$", "^([A-Za-z0-9]{64}|-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/]{43}\n-----END PRIVATE KEY-----\n)$")]
    [InlineData("okx", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "^[0-9A-F]{32}$")]
    [InlineData("htx", "^[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{4,12}$", "^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{5}$")]
    [InlineData("bitfinex", "^[A-Za-z0-9]{43}$", "^[A-Za-z0-9]{43}$")]
    [InlineData("gate", "^[0-9a-f]{32}$", "^[0-9a-f]{64}$")]
    [InlineData("bittrex", "^[0-9a-f]{32}$", "^[0-9a-f]{32}$")]
    [InlineData("kraken", "^[A-Za-z0-9+/]{56}$", "^[A-Za-z0-9+/]{86}==$")]
    [InlineData("bybit", "^[A-Za-z0-9]{18}$", "^[A-Za-z0-9]{36}$")]
    [InlineData("kucoin", "^[0-9a-f]{24}$", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    [InlineData("coinbase", "^organizations/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/apiKeys/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "^-----BEGIN EC PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,64}\n){3}-----END EC PRIVATE KEY-----\n$")]
    public void Demo_keys_follow_the_exchange_key_format(string exchange, string keyPattern, string secretPattern)
    {
        Assert.All(Demo.Accounts.Where(a => a.Exchange == exchange), a =>
        {
            Assert.Matches(new Regex(keyPattern, RegexOptions.None, TimeSpan.FromSeconds(1)), a.ApiKey);
            Assert.Matches(new Regex(secretPattern, RegexOptions.None, TimeSpan.FromSeconds(1)), a.Secret);
        });
    }

    [Fact]
    public async Task Every_demo_problem_answers_as_its_label_says()
    {
        await using var sim = await SimulatorHost.StartAsync(SimulatorConfig.Demo());
        using var http = new HttpClient();
        async Task<string> BalanceAsync(string label)
        {
            var account = Demo.Accounts.Single(a => a.Label == label);
            var key = new Signing.TestKey(account.Exchange, account.ApiKey, account.Secret, account.Passphrase);
            var response = await http.SendAsync(Signing.ExchangeSigner.For(account.Exchange).Balance(sim.BaseUrl(account.Exchange), key, DateTimeOffset.UtcNow));
            return (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync();
        }

        async Task<string> HitBtcWalletAsync(string label)
        {
            var account = Demo.Accounts.Single(a => a.Label == label);
            var key = new Signing.TestKey(account.Exchange, account.ApiKey, account.Secret, account.Passphrase);
            var response = await http.SendAsync(Signing.HitBtcSigner.Get(sim.BaseUrl(account.Exchange), "/api/3/wallet/balance", key, DateTimeOffset.UtcNow));
            return (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync();
        }

        async Task<string> GateFuturesAsync(string label)
        {
            var account = Demo.Accounts.Single(a => a.Label == label);
            var key = new Signing.TestKey(account.Exchange, account.ApiKey, account.Secret, account.Passphrase);
            var response = await http.SendAsync(Signing.GateSigner.Get(sim.BaseUrl(account.Exchange), "/api/v4/futures/usdt/accounts", key, DateTimeOffset.UtcNow));
            return (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync();
        }

        Assert.StartsWith("200 ", await BalanceAsync("Binance main"), StringComparison.Ordinal);

        // A self-generated Ed25519 key: the secret is its private key, the simulator checks the signature with its public half.
        Assert.StartsWith("200 ", await BalanceAsync("Binance Ed25519 key"), StringComparison.Ordinal);

        // The Binance demo account has money in every wallet; one key lacks "Enable Futures", so fapi refuses it.
        async Task<string> BinanceAsync(string label, string path)
        {
            var account = Demo.Accounts.Single(a => a.Label == label);
            var key = new Signing.TestKey(account.Exchange, account.ApiKey, account.Secret);
            var response = await http.SendAsync(Signing.BinanceSigner.SignedGet(sim.BaseUrl("binance"), path, null, key, DateTimeOffset.UtcNow));
            return (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync();
        }

        foreach (var path in new[] { "/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position", "/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account", "/fapi/v3/account", "/dapi/v1/account" })
        {
            var answer = await BinanceAsync("Binance main", path);
            Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("\"rows\":[]", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("\"created\":false", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("\"assets\":[]", answer, StringComparison.Ordinal);
        }

        Assert.StartsWith("401 {\"code\":-2015,", await BinanceAsync("Binance without futures", "/fapi/v3/account"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await BinanceAsync("Binance without futures", "/api/v3/account"), StringComparison.Ordinal);
        Assert.Contains("50110", await BalanceAsync("OKX IP-locked"), StringComparison.Ordinal);
        Assert.Contains("API key has expired", await BalanceAsync("HTX expired"), StringComparison.Ordinal);
        Assert.StartsWith("429 ", await BalanceAsync("Gate rate-limited"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await BalanceAsync("Gate main"), StringComparison.Ordinal);
        Assert.StartsWith("200 {\"user\":", await GateFuturesAsync("Gate main"), StringComparison.Ordinal);

        // A key whose "Perpetual Futures" group is off reads its spot account, and Gate refuses it the futures account.
        Assert.StartsWith("200 ", await BalanceAsync("Gate without futures right"), StringComparison.Ordinal);
        Assert.StartsWith("403 {\"label\":\"FORBIDDEN\"", await GateFuturesAsync("Gate without futures right"), StringComparison.Ordinal);
        Assert.StartsWith("200 {\"error\":[],", await BalanceAsync("Kraken main"), StringComparison.Ordinal);
        Assert.Equal("200 {\"error\":[\"EGeneral:Permission denied\"]}", await BalanceAsync("Kraken IP-locked"));
        Assert.StartsWith("200 {\"error\":[],", await BalanceAsync("Kraken withdraw-enabled"), StringComparison.Ordinal);
        Assert.StartsWith("200 {\"retCode\":0,", await BalanceAsync("Bybit main"), StringComparison.Ordinal);
        Assert.StartsWith("200 {\"retCode\":0,", await BalanceAsync("Bybit withdraw-enabled"), StringComparison.Ordinal);
        Assert.StartsWith("200 {\"retCode\":0,", await BalanceAsync("Bybit expiring in 3 days"), StringComparison.Ordinal);
        Assert.Contains(Demo.Accounts, a => a.Label == "Bybit withdraw-enabled" && a.Permissions.Contains("withdraw"));
        Assert.Contains(Demo.Accounts, a => a.Label == "Bybit expiring in 3 days" && a.IpWhitelist.Count == 0 && a.ExpiresAt is { } e && e > DateTimeOffset.UtcNow.AddDays(2) && e <= DateTimeOffset.UtcNow.AddDays(3));

        // A key without "Payment information" reads the trading balance, and HitBTC refuses it the wallet balance.
        Assert.StartsWith("200 ", await BalanceAsync("HitBTC without payment information"), StringComparison.Ordinal);
        Assert.StartsWith("403 ", await HitBtcWalletAsync("HitBTC without payment information"), StringComparison.Ordinal);
        Assert.Contains("1003", await HitBtcWalletAsync("HitBTC without payment information"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await HitBtcWalletAsync("HitBTC main"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await BalanceAsync("KuCoin main"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await BalanceAsync("KuCoin withdraw-enabled"), StringComparison.Ordinal);
        Assert.Equal("403 {\"code\":\"400006\",\"msg\":\"Invalid request ip, the current clientIp is:127.0.0.1\"}", await BalanceAsync("KuCoin IP-locked"));
        Assert.StartsWith("200 ", await BalanceAsync("Coinbase main"), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await BalanceAsync("Coinbase withdraw-enabled"), StringComparison.Ordinal);

        // Coinbase refuses an address off the key's allowlist like every other authentication failure: the bare 401.
        Assert.Equal("401 Unauthorized", await BalanceAsync("Coinbase IP-locked"));
    }
}
