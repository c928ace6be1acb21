using System.Globalization;
using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bybit;

/// <summary>Real HTTP against the simulated Bybit: what only Bybit does.</summary>
public sealed class BybitConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(string label, params JsonObject[] balances)
    {
        var key = TestKey.For(ExchangeId.Bybit, label);
        var exchanges = await SimulatedExchanges.StartAsync(config => config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8200, [.. balances])));
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Bybit), key.Credentials(), "bybit/" + label));
    }

    [Fact]
    public async Task Earn_on_chain_and_fixed_term_positions_are_read_beside_the_unified_and_funding_wallets()
    {
        var (exchanges, account) = await StartWithAsync(
            "earner",
            Balance("unified", "BTC", "0.5"), Balance("funding", "USDC", "40", "10"), Balance("earn", "USDT", "1200"), Balance("earn", "ETH", "0.5"), Balance("onchain", "ETH", "1.5"), Balance("fixedterm", "USDT", "300"));
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Bybit].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Trading, null), (WalletKind.Funding, null), (WalletKind.Earn, "Flexible Savings"), (WalletKind.Staking, null), (WalletKind.Earn, "Fixed-Term Savings")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName)));
        Assert.Equal(
            [(WalletKind.Funding, "USDC", 50m), (WalletKind.Trading, "BTC", 0.5m), (WalletKind.Earn, "ETH", 0.5m), (WalletKind.Earn, "USDT", 1200m), (WalletKind.Earn, "USDT", 300m), (WalletKind.Staking, "ETH", 1.5m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)).OrderBy(b => b.Wallet).ThenBy(b => b.Asset, StringComparer.Ordinal));
        Assert.Equal((40m, 10m), result.Value.Balances.Where(b => b.Wallet == WalletKind.Funding).Select(b => (b.Free, b.Locked)).Single());
    }

    [Fact]
    public async Task A_uta_1_account_also_has_its_contract_wallet_read_as_futures()
    {
        var (exchanges, account) = await StartWithAsync("uta1", Balance("unified", "USDT", "300"), Balance("contract", "BTC", "0.2"));
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Bybit].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Contains(result.Value.Wallets, w => w.Wallet == WalletKind.Futures && w.Failure is null);
        Assert.Equal(new AssetBalance(WalletKind.Futures, "BTC", "BTC", 0.2m, 0m, 0.2m), Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Futures));
        Assert.Equal(300m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Trading).Total);
    }

    [Fact]
    public async Task A_classic_account_is_read_through_its_spot_and_contract_wallets()
    {
        var (exchanges, account) = await StartWithAsync("classic", Balance("spot", "ETH", "3", "1"), Balance("contract", "BTC", "0.1"), Balance("funding", "USDT", "20"));
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Bybit].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.DoesNotContain(result.Value.Wallets, w => w.Wallet == WalletKind.Trading);
        Assert.Equal(new AssetBalance(WalletKind.Spot, "ETH", "ETH", 3m, 1m, 4m), Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Spot));
        Assert.Equal(0.1m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Futures).Total);
        Assert.Equal(20m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Funding).Total);
    }

    [Fact]
    public async Task A_refused_key_costs_one_request_and_no_more()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var result = await exchanges[ExchangeId.Bybit].GetBalancesAsync(exchanges.Account(ExchangeId.Bybit, "no-rights"), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.MissingPermission, "10005"), (result.Diagnosis!.Category, result.Diagnosis.ExchangeCode));
        Assert.Equal("/v5/account/wallet-balance", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }

    [Fact]
    public async Task An_unbound_key_reports_its_expiry_with_the_90_day_rule_and_a_bound_one_none()
    {
        var unbound = TestKey.For(ExchangeId.Bybit, "unbound");
        await using var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var account = SimulatedExchanges.Account(unbound, 8300);
            account["expiresAt"] = "now+10d";
            config["accounts"]!.AsArray().Add(account);
        });

        var facts = await exchanges[ExchangeId.Bybit].GetKeyFactsAsync(new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Bybit), unbound.Credentials(), "bybit/unbound"), CancellationToken.None);
        var locked = await exchanges[ExchangeId.Bybit].GetKeyFactsAsync(exchanges.Account(ExchangeId.Bybit, "ip-locked"), CancellationToken.None);

        Assert.True(facts.IsSuccess, facts.ToString());
        Assert.Equal(KeyExpiryKind.Key, facts.Value.Expiry!.Kind);
        Assert.InRange(facts.Value.Expiry.At!.Value, DateTimeOffset.UtcNow.AddDays(9), DateTimeOffset.UtcNow.AddDays(10.1));
        Assert.Contains("90 days", facts.Value.Expiry.Rule.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("90 天", facts.Value.Expiry.Rule.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(DiagnosisCategory.IpNotAllowed, locked.Diagnosis!.Category);
    }
}
