using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Bitfinex;

/// <summary>Real HTTP against the simulated Bitfinex: the margin wallet at its equity, with its positions' profit and loss.</summary>
public sealed class BitfinexConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string? unrealisedPnl = null)
    {
        var balance = new JsonObject { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = "0" };
        if (unrealisedPnl is not null)
        {
            balance["unrealisedPnl"] = unrealisedPnl;
        }

        return balance;
    }

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(string label, params JsonObject[] balances)
    {
        var key = TestKey.For(ExchangeId.Bitfinex, label);
        var exchanges = await SimulatedExchanges.StartAsync(config => config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8500, [.. balances])));
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Bitfinex), key.Credentials(), "bitfinex/" + label));
    }

    [Fact]
    public async Task A_margin_wallet_with_open_positions_counts_their_profit_and_loss_in_their_currency()
    {
        var (exchanges, account) = await StartWithAsync(
            "positions", Balance("exchange", "BTC", "0.2"), Balance("margin", "USD", "1000", "42.5"), Balance("margin", "USDT", "300", "-20"), Balance("margin", "ETH", "1"));
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Bitfinex].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        var margin = result.Value.Balances.Where(b => b.Wallet == WalletKind.Margin).ToDictionary(b => b.Asset, b => (b.Free, b.Total));
        Assert.Equal((1000m, 1042.5m), margin["USD"]);
        Assert.Equal((300m, 280m), margin["USDT"]);
        Assert.Equal((1m, 1m), margin["ETH"]);
        Assert.Equal(0.2m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Spot).Total);
        Assert.Equal(["/v2/auth/r/wallets", "/v2/auth/r/positions"], exchanges.Observer.Completed.Select(c => c.Call.Path));
    }

    [Fact]
    public async Task An_empty_margin_wallet_has_no_positions_to_ask_for()
    {
        var (exchanges, account) = await StartWithAsync("no-margin", Balance("exchange", "BTC", "0.2"), Balance("funding", "USD", "50"));
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Bitfinex].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal("/v2/auth/r/wallets", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }

    [Fact]
    public async Task Positions_that_cannot_be_read_leave_the_margin_wallet_failed_and_the_others_read()
    {
        var (exchanges, account) = await StartWithAsync("positions-fail", Balance("exchange", "BTC", "0.2"), Balance("margin", "USD", "1000", "42.5"));
        await using var owned = exchanges;
        exchanges.Control.SetFault(new Simulator.SimulatorFault { Exchange = "bitfinex", Paths = ["/v2/auth/r/positions"], ErrorRate = 1 });

        var result = await exchanges[ExchangeId.Bitfinex].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        Assert.Equal(WalletOutcome.Failed, Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Margin).Outcome);
        Assert.DoesNotContain(result.Value.Balances, b => b.Wallet == WalletKind.Margin);
        Assert.Equal(0.2m, Assert.Single(result.Value.Balances).Total);
    }
}
