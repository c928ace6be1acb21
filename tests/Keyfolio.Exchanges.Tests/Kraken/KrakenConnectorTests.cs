using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Kraken;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kraken;

/// <summary>Real HTTP against the simulated Kraken: what only Kraken does.</summary>
public sealed class KrakenConnectorTests
{
    private static readonly TestKey TwoFactor = TestKey.For(ExchangeId.Kraken, "two-factor");

    [Fact]
    public async Task A_key_with_two_factor_authentication_connects_with_its_2fa_password_and_is_told_why_without_it()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var account = SimulatedExchanges.Account(TwoFactor, 8100);
            account["passphrase"] = "Static-2FA-pass";
            config["accounts"]!.AsArray().Add(account);
        });
        using var with = new ExchangeCredentials(TwoFactor.ApiKey, TwoFactor.Secret, "Static-2FA-pass");
        using var without = new ExchangeCredentials(TwoFactor.ApiKey, TwoFactor.Secret);

        var connected = await exchanges[ExchangeId.Kraken].VerifyAsync(new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Kraken), with, "kraken/2fa"), CancellationToken.None);
        var refused = await exchanges[ExchangeId.Kraken].GetBalancesAsync(new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Kraken), without, "kraken/no-2fa"), CancellationToken.None);

        Assert.True(connected.IsSuccess, connected.ToString());
        Assert.Null(connected.Value.FactsFailure);
        Assert.Equal(DiagnosisCategory.BadSignature, refused.Diagnosis!.Category);
        Assert.Equal("EAPI:Invalid signature", refused.Diagnosis.ExchangeCode);
        Assert.Contains("2FA", refused.Diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_another_tool_used_with_nanosecond_nonces_is_diagnosed_with_that_cause()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var key = TestKey.For(ExchangeId.Kraken, "main");
        const string Path = "/0/private/GetApiKeyInfo";
        const string Nonce = "1900000000000000000";
        var body = "nonce=" + Nonce;
        using var http = new HttpClient();
        using var other = new HttpRequestMessage(HttpMethod.Post, new Uri(exchanges.Simulator.BaseUrl("kraken"), Path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        other.Headers.Add("API-Key", key.ApiKey);
        other.Headers.Add("API-Sign", KrakenSigner.Sign(Encoding.UTF8.GetBytes(key.Secret), Path, Nonce, body));
        using var answer = await http.SendAsync(other);
        Assert.Contains("\"nonce\":\"" + Nonce + "\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var result = await exchanges[ExchangeId.Kraken].GetBalancesAsync(exchanges.Account(ExchangeId.Kraken, "main"), CancellationToken.None);

        Assert.Equal(DiagnosisCategory.NonceUsedElsewhere, result.Diagnosis!.Category);
        Assert.Equal("EAPI:Invalid nonce", result.Diagnosis.ExchangeCode);
        Assert.Contains("nanosecond", result.Diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staked_bonded_and_rewards_balances_land_in_earn_and_staking_once_each()
    {
        var key = TestKey.For(ExchangeId.Kraken, "earner");
        await using var exchanges = await SimulatedExchanges.StartAsync(config => config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8200,
        [
            Balance("spot", "BTC", "0.5"),
            Balance("auto-earn", "USDT", "150"),
            Balance("opt-in-rewards", "BTC", "0.1"),
            Balance("staked", "ETH", "2"),
            Balance("bonded", "ETH", "1"),
        ])));

        var result = await exchanges[ExchangeId.Kraken].GetBalancesAsync(exchanges.Account(ExchangeId.Kraken, "earner"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var balances = result.Value.Balances.ToDictionary(b => b.ExchangeAsset, b => (b.Wallet, b.Asset, b.Total));
        Assert.Equal((WalletKind.Spot, "BTC", 0.5m), balances["XXBT"]);
        Assert.Equal((WalletKind.Earn, "USDT", 150m), balances["USDT.F"]);
        Assert.Equal((WalletKind.Earn, "BTC", 0.1m), balances["XBT.M"]);
        Assert.Equal((WalletKind.Staking, "ETH", 2m), balances["ETH.S"]);
        Assert.Equal((WalletKind.Staking, "ETH", 1m), balances["ETH.B"]);
        Assert.Equal(5, balances.Count);
        Assert.True(result.Value.IsComplete);
        Assert.Equal([WalletKind.Spot, WalletKind.Earn, WalletKind.Staking], result.Value.Wallets.Select(w => w.Wallet));
    }

    [Fact]
    public async Task The_key_s_expiry_date_and_allowlist_are_read_from_kraken()
    {
        var key = TestKey.For(ExchangeId.Kraken, "dated");
        await using var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var account = SimulatedExchanges.Account(key, 8300);
            account["expiresAt"] = "2027-03-01T00:00:00Z";
            account["ipWhitelist"] = new JsonArray("127.0.0.1", "198.51.100.4");
            config["accounts"]!.AsArray().Add(account);
        });

        var result = await exchanges[ExchangeId.Kraken].GetKeyFactsAsync(exchanges.Account(ExchangeId.Kraken, "dated"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(KeyExpiryKind.Key, result.Value.Expiry!.Kind);
        Assert.Equal(DateTimeOffset.Parse("2027-03-01T00:00:00Z", CultureInfo.InvariantCulture), result.Value.Expiry.At);
        Assert.Equal(["127.0.0.1", "198.51.100.4"], result.Value.IpWhitelist);
        Assert.Equal("dated", result.Value.Label);
        Assert.Equal(["query-funds", "query-open-trades", "query-closed-trades", "query-ledger"], result.Value.ExchangePermissions);
    }

    [Fact]
    public async Task A_key_without_query_funds_is_told_from_an_address_off_its_allowlist()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var noRights = await exchanges[ExchangeId.Kraken].GetBalancesAsync(exchanges.Account(ExchangeId.Kraken, "no-rights"), CancellationToken.None);
        var locked = await exchanges[ExchangeId.Kraken].GetBalancesAsync(exchanges.Account(ExchangeId.Kraken, "ip-locked"), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.MissingPermission, "EGeneral:Permission denied"), (noRights.Diagnosis!.Category, noRights.Diagnosis.ExchangeCode));
        Assert.Empty(noRights.Diagnosis.OtherPossibleCauses);
        Assert.Contains("Query Funds", noRights.Diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal((DiagnosisCategory.IpNotAllowed, "EGeneral:Permission denied"), (locked.Diagnosis!.Category, locked.Diagnosis.ExchangeCode));
        Assert.Contains("allowlist", locked.Diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    private static JsonObject Balance(string wallet, string asset, string free) =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = "0" };
}
