using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Htx;

/// <summary>Real HTTP against the simulated HTX: the spot host's accounts and the derivatives accounts, each with its own outcome.</summary>
public sealed class HtxConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static JsonObject[] EveryWallet()
    {
        var isolated = Balance("margin", "BTC", "0.3", "0.1");
        isolated["borrowed"] = "0.2";
        isolated["interest"] = "0.001";
        var cross = Balance("super-margin", "USDT", "500");
        cross["borrowed"] = "120";
        var unified = Balance("linear-swap", "USDT", "900", "100");
        unified["unrealisedPnl"] = "-25";
        var coinSwap = Balance("swap", "BTC", "0.05");
        coinSwap["unrealisedPnl"] = "0.01";
        return [Balance("spot", "ETH", "2", "0.5"), isolated, cross, Balance("otc", "USDT", "150"), Balance("point", "USDT", "3"), unified, coinSwap, Balance("futures", "ETH", "1.5")];
    }

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(string label, JsonObject[] balances)
    {
        var key = TestKey.For(ExchangeId.Htx, label);
        var exchanges = await SimulatedExchanges.StartAsync(config => config["accounts"]!.AsArray().Add(SimulatedExchanges.Account(key, 8300, [.. balances])));
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Htx), key.Credentials(), "htx/" + label));
    }

    [Fact]
    public async Task Spot_margin_net_of_loans_otc_point_and_the_derivatives_accounts_are_all_read()
    {
        var (exchanges, account) = await StartWithAsync("everything", EveryWallet());
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Spot, "spot"), (WalletKind.Margin, "margin"), (WalletKind.Funding, "otc"), (WalletKind.Funding, "point"), (WalletKind.Margin, "super-margin"),
             (WalletKind.Futures, "USDT-margined"), (WalletKind.Futures, "coin-margined swaps"), (WalletKind.Futures, "coin-margined futures")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName!)));
        Assert.All(result.Value.Wallets, w => Assert.Equal(WalletOutcome.Read, w.Outcome));
        Assert.Equal(
            [(WalletKind.Spot, "ETH", 2.5m), (WalletKind.Margin, "BTC", 0.199m), (WalletKind.Funding, "USDT", 150m), (WalletKind.Funding, "USDT", 3m), (WalletKind.Margin, "USDT", 380m),
             (WalletKind.Futures, "USDT", 975m), (WalletKind.Futures, "BTC", 0.06m), (WalletKind.Futures, "ETH", 1.5m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)));

        // The account list alone, then every balance and the derivatives at once; the USDT-margined account is unified.
        var paths = exchanges.Observer.Completed.Select(c => c.Call.Path).ToList();
        Assert.Equal("/v1/account/accounts", paths[0]);
        Assert.True(paths.IndexOf("/linear-swap-api/v1/swap_cross_account_info") < paths.IndexOf("/linear-swap-api/v3/unified_account_info"));
        Assert.True(paths.IndexOf("/linear-swap-api/v1/swap_cross_account_info") > 0);
        Assert.Equal(5, paths.Count(p => p.EndsWith("/balance", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_next_sync_starts_with_the_known_spot_account_and_asks_the_unified_account_directly()
    {
        var (exchanges, account) = await StartWithAsync("returning", EveryWallet());
        await using var owned = exchanges;
        var first = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);
        var sent = exchanges.Observer.Completed.Count;

        var second = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);

        var paths = exchanges.Observer.Completed.Skip(sent).Select(c => c.Call.Path).ToList();
        Assert.Equal(first.Value!.Balances, second.Value!.Balances);
        Assert.Matches("^/v1/account/accounts/[0-9]+/balance$", paths[0]);
        Assert.DoesNotContain("/v1/account/accounts", paths);
        Assert.DoesNotContain("/linear-swap-api/v1/swap_cross_account_info", paths);
        Assert.Equal(8, paths.Count);
    }

    [Fact]
    public async Task A_failed_call_makes_the_next_sync_list_the_accounts_again()
    {
        var (exchanges, account) = await StartWithAsync("refreshed", EveryWallet());
        await using var owned = exchanges;
        await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);
        exchanges.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "htx", Maintenance = true });

        var failed = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);
        exchanges.Control.ClearFaults("htx");
        var sent = exchanges.Observer.Completed.Count;
        var recovered = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, failed.Diagnosis!.Category);
        Assert.True(recovered.IsSuccess, recovered.ToString());
        Assert.Equal("/v1/account/accounts", exchanges.Observer.Completed.Skip(sent).First().Call.Path);
    }

    [Fact]
    public async Task Wallets_never_opened_are_not_opened_and_the_reading_is_complete()
    {
        var (exchanges, account) = await StartWithAsync("spot-only", [Balance("spot", "BTC", "0.5")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Htx].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(WalletOutcome.Read, Assert.Single(result.Value.Wallets, w => w.Outcome != WalletOutcome.NotOpened).Outcome);
        Assert.Equal(
            ["margin", "super-margin", "otc", "point", "USDT-margined", "coin-margined swaps", "coin-margined futures"],
            result.Value.Wallets.Where(w => w.Outcome == WalletOutcome.NotOpened).Select(w => w.AccountName));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances).Total);
    }

    [Fact]
    public async Task A_key_without_read_is_refused_as_a_whole()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[ExchangeId.Htx].GetBalancesAsync(exchanges.Account(ExchangeId.Htx, "no-rights"), CancellationToken.None);

        Assert.Equal(DiagnosisCategory.MissingPermission, result.Diagnosis!.Category);
        Assert.Equal("/v1/account/accounts", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }
}
