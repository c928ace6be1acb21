using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Binance;

/// <summary>Real HTTP against the simulated Binance: every wallet at once, each with its own outcome.</summary>
public sealed class BinanceConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0", string borrowed = "0", string interest = "0", string? symbol = null)
    {
        var balance = new JsonObject { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked, ["borrowed"] = borrowed, ["interest"] = interest };
        if (symbol is not null)
        {
            balance["symbol"] = symbol;
        }

        return balance;
    }

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(string label, JsonObject[] balances, JsonArray? faults = null)
    {
        var key = TestKey.For(ExchangeId.Binance, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8200, [.. balances]));
            if (faults is not null)
            {
                config["faults"] = faults;
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Binance), key.Credentials(), "binance/" + label));
    }

    [Fact]
    public async Task Spot_funding_earn_and_margin_are_all_read_at_once_with_their_binance_names()
    {
        var (exchanges, account) = await StartWithAsync("everywhere", [
            Balance("spot", "BTC", "0.5", "0.1"), Balance("funding", "USDC", "40", "10"),
            Balance("earn-flexible", "USDT", "1000"), Balance("earn-locked", "ETH", "1.5"), Balance("earn-locked", "ETH", "0.25"),
            Balance("cross-margin", "USDT", "800", borrowed: "300", interest: "1.25"),
            Balance("isolated-margin", "ETH", "0.5", symbol: "ETHUSDT"), Balance("isolated-margin", "USDT", "200", borrowed: "150", interest: "0.25", symbol: "ETHUSDT")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Spot, "Spot"), (WalletKind.Funding, "Funding"), (WalletKind.Earn, "Simple Earn Flexible"), (WalletKind.Earn, "Simple Earn Locked"),
             (WalletKind.Margin, "Cross Margin"), (WalletKind.Margin, "Isolated Margin")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName!)));
        Assert.All(result.Value.Wallets, w => Assert.Equal(WalletOutcome.Read, w.Outcome));
        Assert.Equal(
            [(WalletKind.Spot, "BTC", 0.6m), (WalletKind.Funding, "USDC", 50m), (WalletKind.Earn, "USDT", 1000m), (WalletKind.Earn, "ETH", 1.75m),
             (WalletKind.Margin, "USDT", 498.75m), (WalletKind.Margin, "ETH", 0.5m), (WalletKind.Margin, "USDT", 49.75m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            ["/api/v3/account", "/sapi/v1/asset/get-funding-asset", "/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account",
             "/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position"],
            exchanges.Observer.Completed.Select(c => c.Call.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Margin_never_opened_and_earn_never_used_are_not_opened_and_the_reading_is_complete()
    {
        var (exchanges, account) = await StartWithAsync("spot-only", [Balance("spot", "BTC", "0.5")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [WalletOutcome.Read, WalletOutcome.Read, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened],
            result.Value.Wallets.Select(w => w.Outcome));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances).Total);
    }

    [Fact]
    public async Task More_than_a_hundred_earn_positions_are_read_page_by_page()
    {
        var positions = Enumerable.Range(0, 230).Select(i => Balance("earn-locked", "ETH", "0.01")).Append(Balance("spot", "BTC", "1")).ToArray();
        var (exchanges, account) = await StartWithAsync("many-positions", positions);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2.3m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Earn).Total);
        Assert.Equal(3, exchanges.Observer.Completed.Count(c => c.Call.Path == "/sapi/v1/simple-earn/locked/position"));
        Assert.Equal(1, exchanges.Observer.Completed.Count(c => c.Call.Path == "/sapi/v1/simple-earn/flexible/position"));
    }

    [Fact]
    public async Task One_wallet_failing_keeps_the_others_and_says_which_failed()
    {
        var fault = new JsonObject { ["exchange"] = "binance", ["paths"] = new JsonArray("/sapi/v1/margin/isolated/account"), ["maintenance"] = true };
        var (exchanges, account) = await StartWithAsync("flaky", [Balance("spot", "BTC", "0.5"), Balance("cross-margin", "USDT", "100"), Balance("isolated-margin", "BTC", "0.1")], [fault]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var isolated = Assert.Single(result.Value.Wallets, w => w.AccountName == "Isolated Margin");
        Assert.Equal((WalletOutcome.Failed, DiagnosisCategory.ExchangeUnavailable), (isolated.Outcome, isolated.Failure!.Category));
        Assert.Equal([(WalletKind.Spot, 0.5m), (WalletKind.Margin, 100m)], result.Value.Balances.Select(b => (b.Wallet, b.Total)));
        Assert.Equal(WalletOutcome.Read, Assert.Single(result.Value.Wallets, w => w.AccountName == "Cross Margin").Outcome);
    }

    [Fact]
    public async Task A_key_without_read_is_refused_as_a_whole()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(exchanges.Account(ExchangeId.Binance, "no-rights"), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("-2015", result.Diagnosis!.ExchangeCode);
    }
}
