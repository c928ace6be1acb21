using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Kucoin;

/// <summary>Real HTTP against the simulated KuCoin: every wallet counted once.</summary>
public sealed class KucoinConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free) =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = "0" };

    [Fact]
    public async Task A_margin_asset_is_one_row_counted_once_across_cross_isolated_and_the_account_list()
    {
        // BTC in the spot account, in cross margin and in the isolated BTC-USDT pair. The account list shows the cross
        // and isolated rows too (KuCoin lists them as abandoned types); only the margin endpoints count them.
        var key = TestKey.For(ExchangeId.Kucoin, "margin-everywhere");
        await using var exchanges = await SimulatedExchanges.StartAsync(config => config["accounts"]!.AsArray().Add(
            SimulatedExchanges.Account(key, 8400, [Balance("trade", "BTC", "0.3"), Balance("margin", "BTC", "0.1"), Balance("isolated", "BTC", "0.2")])));
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Kucoin), key.Credentials(), "kucoin/margin-everywhere");

        var result = await exchanges[ExchangeId.Kucoin].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, result.Value.Balances.Count(b => b.Asset == "BTC"));
        Assert.Equal(0.3m, Assert.Single(result.Value.Balances, b => b.Asset == "BTC" && b.Wallet == WalletKind.Spot).Total);
        Assert.Equal(0.3m, Assert.Single(result.Value.Balances, b => b.Asset == "BTC" && b.Wallet == WalletKind.Margin).Total);
    }
}
