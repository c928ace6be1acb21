using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Okx;

/// <summary>Real HTTP against the simulated OKX: every wallet in one round trip, each with its own outcome.</summary>
public sealed class OkxConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(string label, JsonObject[] balances, JsonArray? faults = null)
    {
        var key = TestKey.For(ExchangeId.Okx, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8100, [.. balances]));
            if (faults is not null)
            {
                config["faults"] = faults;
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), key.Credentials(), "okx/" + label));
    }

    [Fact]
    public async Task Trading_funding_savings_and_on_chain_earn_are_all_read_with_their_okx_names()
    {
        var (exchanges, account) = await StartWithAsync("earner", [
            Balance("spot", "BTC", "0.5", "0.1"), Balance("funding", "USDC", "40", "10"),
            Balance("earn", "USDT", "1000", "0.5"), Balance("staking", "ETH", "1.5"), Balance("staking", "ETH", "0.25")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Trading, "Trading account"), (WalletKind.Funding, "Funding account"), (WalletKind.Earn, "Simple Earn"), (WalletKind.Staking, "On-chain Earn")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName!)));
        Assert.All(result.Value.Wallets, w => Assert.Equal(WalletOutcome.Read, w.Outcome));
        Assert.Equal(
            [(WalletKind.Trading, "BTC", 0.6m), (WalletKind.Funding, "USDC", 50m), (WalletKind.Earn, "USDT", 1000.5m), (WalletKind.Staking, "ETH", 1.75m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            ["/api/v5/account/balance", "/api/v5/asset/balances", "/api/v5/finance/savings/balance", "/api/v5/finance/staking-defi/orders-active"],
            exchanges.Observer.Completed.Select(c => c.Call.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_borrowed_currency_counts_at_its_equity_net_of_the_loan_with_unrealised_profit()
    {
        var borrowed = Balance("spot", "USDT", "500", "0");
        borrowed["borrowed"] = "800";
        borrowed["interest"] = "1.5";
        var winning = Balance("spot", "BTC", "0.2", "0");
        winning["unrealisedPnl"] = "0.01";
        var (exchanges, account) = await StartWithAsync("borrower", [borrowed, winning]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(-301.5m, Assert.Single(result.Value.Balances, b => b.Asset == "USDT").Total);
        Assert.Equal(0.21m, Assert.Single(result.Value.Balances, b => b.Asset == "BTC").Total);
    }

    [Fact]
    public async Task One_wallet_failing_keeps_the_others_and_says_which_failed()
    {
        var fault = new JsonObject { ["exchange"] = "okx", ["paths"] = new JsonArray("/api/v5/finance/savings/balance"), ["maintenance"] = true };
        var (exchanges, account) = await StartWithAsync("flaky", [Balance("spot", "BTC", "0.5"), Balance("earn", "USDT", "1000"), Balance("staking", "ETH", "1")], [fault]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var earn = Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Earn);
        Assert.Equal((WalletOutcome.Failed, DiagnosisCategory.ExchangeUnavailable, "Simple Earn"), (earn.Outcome, earn.Failure!.Category, earn.AccountName));
        Assert.Equal([WalletKind.Trading, WalletKind.Staking], result.Value.Balances.Select(b => b.Wallet).Order());
        Assert.All(result.Value.Wallets.Where(w => w.Wallet != WalletKind.Earn), w => Assert.Equal(WalletOutcome.Read, w.Outcome));
    }

    [Fact]
    public async Task An_unreadable_on_chain_answer_fails_that_wallet_alone()
    {
        var fault = new JsonObject { ["exchange"] = "okx", ["paths"] = new JsonArray("/api/v5/finance/staking-defi/orders-active"), ["malformedJson"] = true };
        var (exchanges, account) = await StartWithAsync("garbled", [Balance("spot", "BTC", "0.5"), Balance("staking", "ETH", "1")], [fault]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var staking = Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Staking);
        Assert.Equal((WalletOutcome.Failed, DiagnosisCategory.ExchangeUnavailable), (staking.Outcome, staking.Failure!.Category));
        Assert.DoesNotContain(result.Value.Balances, b => b.Wallet == WalletKind.Staking);
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances).Total);
    }

    [Fact]
    public async Task A_key_without_read_is_refused_as_a_whole()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[ExchangeId.Okx].GetBalancesAsync(exchanges.Account(ExchangeId.Okx, "no-rights"), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.MissingPermission, "50120"), (result.Diagnosis!.Category, result.Diagnosis.ExchangeCode));
        Assert.Equal("/api/v5/account/balance", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }
}
