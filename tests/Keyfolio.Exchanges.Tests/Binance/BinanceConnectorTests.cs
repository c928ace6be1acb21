using System.Globalization;
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

    private static JsonObject Futures(string wallet, string asset, string walletBalance, string unrealised) =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = walletBalance, ["unrealisedPnl"] = unrealised };

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account)> StartWithAsync(
        string label, JsonObject[] balances, JsonArray? faults = null, string[]? permissions = null, string? region = null)
    {
        var key = TestKey.For(ExchangeId.Binance, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var simulated = SimulatedExchanges.Account(key, 8200, [.. balances]);
            simulated["permissions"] = new JsonArray([.. (permissions ?? ["read", "futures"]).Select(p => JsonValue.Create(p))]);
            if (region is not null)
            {
                simulated["region"] = region;
            }

            config["accounts"]!.AsArray().Add(simulated);
            if (faults is not null)
            {
                config["faults"] = faults;
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Binance, region), key.Credentials(), "binance/" + label));
    }

    [Fact]
    public async Task Spot_funding_earn_and_margin_are_all_read_at_once_with_their_binance_names()
    {
        var (exchanges, account) = await StartWithAsync("everywhere", [
            Balance("spot", "BTC", "0.5", "0.1"), Balance("funding", "USDC", "40", "10"),
            Balance("earn-flexible", "USDT", "1000"), Balance("earn-locked", "ETH", "1.5"), Balance("earn-locked", "ETH", "0.25"),
            Balance("cross-margin", "USDT", "800", borrowed: "300", interest: "1.25"),
            Balance("isolated-margin", "ETH", "0.5", symbol: "ETHUSDT"), Balance("isolated-margin", "USDT", "200", borrowed: "150", interest: "0.25", symbol: "ETHUSDT"),
            Futures("usds-futures", "USDT", "1500", "120.5"), Futures("usds-futures", "BNB", "2", "0"), Futures("coin-futures", "BTC", "0.01", "-0.0004")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Spot, "Spot"), (WalletKind.Funding, "Funding"), (WalletKind.Earn, "Simple Earn Flexible"), (WalletKind.Earn, "Simple Earn Locked"),
             (WalletKind.Margin, "Cross Margin"), (WalletKind.Margin, "Isolated Margin"), (WalletKind.Futures, "USDⓈ-M Futures"), (WalletKind.Futures, "COIN-M Futures")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName!)));
        Assert.All(result.Value.Wallets, w => Assert.Equal(WalletOutcome.Read, w.Outcome));
        Assert.Equal(
            [(WalletKind.Spot, "BTC", 0.6m), (WalletKind.Funding, "USDC", 50m), (WalletKind.Earn, "USDT", 1000m), (WalletKind.Earn, "ETH", 1.75m),
             (WalletKind.Margin, "USDT", 498.75m), (WalletKind.Margin, "ETH", 0.5m), (WalletKind.Margin, "USDT", 49.75m),
             (WalletKind.Futures, "USDT", 1620.5m), (WalletKind.Futures, "BNB", 2m), (WalletKind.Futures, "BTC", 0.0096m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)));
        Assert.Equal(
            ["/api/v3/account", "/dapi/v1/account", "/fapi/v3/account", "/sapi/v1/asset/get-funding-asset", "/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account",
             "/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position"],
            exchanges.Observer.Completed.Select(c => c.Call.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wallets_never_opened_are_not_opened_and_the_reading_is_complete_with_or_without_the_futures_right(bool futuresRight)
    {
        var (exchanges, account) = await StartWithAsync("spot-only", [Balance("spot", "BTC", "0.5")], permissions: futuresRight ? ["read", "futures"] : ["read"]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [WalletOutcome.Read, WalletOutcome.Read, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened],
            result.Value.Wallets.Select(w => w.Outcome));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances).Total);
        Assert.Single(exchanges.Observer.Completed, c => c.Call.Path == "/sapi/v1/asset/wallet/balance");
    }

    [Fact]
    public async Task A_key_without_enable_futures_reads_everything_else_and_names_the_right_for_the_futures_wallet_it_cannot_read()
    {
        var (exchanges, account) = await StartWithAsync(
            "no-futures", [Balance("spot", "BTC", "0.5"), Balance("cross-margin", "USDT", "100"), Futures("usds-futures", "USDT", "700", "0")], permissions: ["read"]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var usds = Assert.Single(result.Value.Wallets, w => w.AccountName == "USDⓈ-M Futures");
        Assert.Equal((WalletOutcome.NotPermitted, "Enable Futures", "-2015"), (usds.Outcome, usds.Right, usds.Failure!.ExchangeCode));
        Assert.Contains("Enable Futures", usds.Failure.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Enable Futures", usds.Failure.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(WalletOutcome.NotOpened, Assert.Single(result.Value.Wallets, w => w.AccountName == "COIN-M Futures").Outcome);
        Assert.Equal([(WalletKind.Spot, 0.5m), (WalletKind.Margin, 100m)], result.Value.Balances.Select(b => (b.Wallet, b.Total)));
        Assert.Equal(WalletOutcome.Read, Assert.Single(result.Value.Wallets, w => w.AccountName == "Cross Margin").Outcome);
    }

    [Fact]
    public async Task Every_wallet_call_is_in_flight_at_once()
    {
        var fault = new JsonObject { ["exchange"] = "binance", ["latencyMs"] = 1000 };
        var (exchanges, account) = await StartWithAsync("at-once", [Balance("spot", "BTC", "0.5"), Futures("usds-futures", "USDT", "10", "0"), Futures("coin-futures", "BTC", "0.01", "0")], [fault]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(8, exchanges.Observer.MaxInFlight);
    }

    [Fact]
    public async Task Binance_us_has_spot_and_funding_only()
    {
        var (exchanges, account) = await StartWithAsync("us-only", [Balance("spot", "BTC", "0.5"), Balance("funding", "USDT", "20")], region: "us");
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Binance].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal([WalletKind.Spot, WalletKind.Funding], result.Value.Wallets.Select(w => w.Wallet));
        Assert.Equal(["/api/v3/account", "/sapi/v1/asset/get-funding-asset"], exchanges.Observer.Completed.Select(c => c.Call.Path).Order(StringComparer.Ordinal));
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
