using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Gate;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Gate;

/// <summary>Real HTTP against the simulated Gate: every wallet after the spot account, at once, each with its own outcome.</summary>
public sealed class GateConnectorTests
{
    private static JsonObject Balance(string wallet, string asset, string free, string locked = "0") =>
        new() { ["wallet"] = wallet, ["asset"] = asset, ["free"] = free, ["locked"] = locked };

    private static JsonObject[] EveryWallet()
    {
        var margin = Balance("margin", "BTC", "0.3", "0.1");
        margin["borrowed"] = "0.2";
        margin["interest"] = "0.001";
        var perpetual = Balance("futures", "USDT", "900", "100");
        perpetual["unrealisedPnl"] = "-25";
        var inverse = Balance("futures", "BTC", "0.05");
        inverse["unrealisedPnl"] = "0.01";
        var options = Balance("options", "USDT", "300", "50");
        options["unrealisedPnl"] = "-40";
        return [Balance("spot", "ETH", "2", "0.5"), margin, Balance("margin", "USDT", "150"), perpetual, inverse, Balance("delivery", "USDT", "400"), options, Balance("earn", "USDT", "1000", "20")];
    }

    private static async Task<(SimulatedExchanges Exchanges, ExchangeAccount Account, TestKey Key)> StartWithAsync(
        string label, JsonObject[] balances, string[]? unreadable = null, JsonArray? faults = null)
    {
        var key = TestKey.For(ExchangeId.Gate, label);
        var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var account = SimulatedExchanges.Account(key, 8200, [.. balances]);
            if (unreadable is not null)
            {
                account["unreadableWallets"] = new JsonArray([.. unreadable.Select(w => (JsonNode)w)]);
            }

            config["accounts"]!.AsArray().Add(account);
            if (faults is not null)
            {
                config["faults"] = faults;
            }
        });
        return (exchanges, new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate), key.Credentials(), "gate/" + label), key);
    }

    [Fact]
    public async Task Spot_margin_perpetuals_delivery_options_and_lend_and_earn_are_all_read_net_of_loans_with_unrealised_profit()
    {
        var (exchanges, account, _) = await StartWithAsync("everything", EveryWallet());
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [(WalletKind.Spot, "Spot account"), (WalletKind.Margin, "Isolated margin"), (WalletKind.Futures, "USDT perpetual futures"), (WalletKind.Futures, "BTC perpetual futures"),
             (WalletKind.Futures, "USDT delivery futures"), (WalletKind.Options, "Options"), (WalletKind.Earn, "Lend & Earn")],
            result.Value.Wallets.Select(w => (w.Wallet, w.AccountName!)));
        Assert.All(result.Value.Wallets, w => Assert.Equal(WalletOutcome.Read, w.Outcome));
        Assert.Equal(
            [(WalletKind.Spot, "ETH", 2.5m), (WalletKind.Margin, "BTC", 0.199m), (WalletKind.Margin, "USDT", 150m), (WalletKind.Futures, "USDT", 975m),
             (WalletKind.Futures, "BTC", 0.06m), (WalletKind.Futures, "USDT", 400m), (WalletKind.Options, "USDT", 310m), (WalletKind.Earn, "USDT", 1020m)],
            result.Value.Balances.Select(b => (b.Wallet, b.Asset, b.Total)));

        // The spot account alone first, then the six other reads.
        var paths = exchanges.Observer.Completed.Select(c => c.Call.Path).ToList();
        Assert.Equal("/api/v4/spot/accounts", paths[0]);
        Assert.Equal(
            ["/api/v4/delivery/usdt/accounts", "/api/v4/earn/uni/lends", "/api/v4/futures/btc/accounts", "/api/v4/futures/usdt/accounts", "/api/v4/margin/accounts", "/api/v4/options/accounts"],
            paths.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task What_keyfolio_reads_adds_up_to_gates_own_total_balance()
    {
        var (exchanges, account, key) = await StartWithAsync("cross-checked", EveryWallet());
        await using var owned = exchanges;
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["BTC"] = 65000m, ["ETH"] = 3200m, ["USDT"] = 1m };

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);
        using var request = SignedRequests.Create(
            new GateProtocol(), ExchangeCall.SignedGet(GatePaths.TotalBalance), exchanges.Simulator.BaseUrl("gate").ToString(), key.ApiKey, key.Secret, DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        using var answer = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var (currency, total, accounts) = GateResponses.TotalBalance(document.RootElement);

        // The valuation is a cross-check only: Keyfolio never adds it, but the holdings it reads come to the same value.
        Assert.Equal("USDT", currency);
        Assert.Equal(total, result.Value!.Balances.Sum(b => b.Total * prices[b.Asset]));
        Assert.Equal(accounts["futures"] + accounts["delivery"], result.Value.Balances.Where(b => b.Wallet == WalletKind.Futures).Sum(b => b.Total * prices[b.Asset]));
        Assert.DoesNotContain(exchanges.Observer.Completed, c => c.Call.Path == GatePaths.TotalBalance);
    }

    [Fact]
    public async Task Wallets_the_account_never_opened_are_not_opened_and_the_reading_is_complete()
    {
        var (exchanges, account, _) = await StartWithAsync("spot-only", [Balance("spot", "BTC", "0.5")]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsComplete);
        Assert.Equal(
            [WalletOutcome.Read, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.NotOpened, WalletOutcome.Read],
            result.Value.Wallets.Select(w => w.Outcome));
        Assert.Equal(0.5m, Assert.Single(result.Value.Balances).Total);
    }

    [Fact]
    public async Task A_key_without_the_perpetual_futures_group_reads_the_rest_and_names_the_right_to_enable()
    {
        var (exchanges, account, _) = await StartWithAsync("no-futures", EveryWallet(), unreadable: ["futures"]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var refused = result.Value.Wallets.Where(w => w.Outcome == WalletOutcome.NotPermitted).ToList();
        Assert.Equal(["USDT perpetual futures", "BTC perpetual futures"], refused.Select(w => w.AccountName));
        Assert.All(refused, w => Assert.Equal(("Perpetual Futures (futures): Read only", "FORBIDDEN"), (w.Right, w.Failure!.ExchangeCode)));
        Assert.Equal(400m, Assert.Single(result.Value.Balances, b => b.Wallet == WalletKind.Futures).Total);
        Assert.Equal(5, result.Value.Wallets.Count(w => w.Outcome == WalletOutcome.Read));
    }

    [Fact]
    public async Task One_wallet_failing_keeps_the_others_and_says_which_failed()
    {
        var fault = new JsonObject { ["exchange"] = "gate", ["paths"] = new JsonArray("/api/v4/earn/uni/lends"), ["maintenance"] = true };
        var (exchanges, account, _) = await StartWithAsync("flaky", EveryWallet(), faults: [fault]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var earn = Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Earn);
        Assert.Equal((WalletOutcome.Failed, DiagnosisCategory.ExchangeUnavailable), (earn.Outcome, earn.Failure!.Category));
        Assert.DoesNotContain(result.Value.Balances, b => b.Wallet == WalletKind.Earn);
        Assert.Equal(6, result.Value.Wallets.Count(w => w.Outcome == WalletOutcome.Read));
    }

    [Fact]
    public async Task Lend_and_earn_is_read_page_by_page_until_a_page_is_not_full()
    {
        var lends = Enumerable.Range(0, 130).Select(i => Balance("earn", "C" + i.ToString(CultureInfo.InvariantCulture), "1")).ToArray();
        var (exchanges, account, _) = await StartWithAsync("lender", [Balance("spot", "BTC", "0.5"), .. lends]);
        await using var owned = exchanges;

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(account, CancellationToken.None);

        Assert.Equal(130, result.Value!.Balances.Count(b => b.Wallet == WalletKind.Earn));
        Assert.Equal(2, exchanges.Observer.Completed.Count(c => c.Call.Path == "/api/v4/earn/uni/lends"));
    }

    [Fact]
    public async Task A_key_without_read_is_refused_as_a_whole()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[ExchangeId.Gate].GetBalancesAsync(exchanges.Account(ExchangeId.Gate, "no-rights"), CancellationToken.None);

        Assert.Equal((DiagnosisCategory.MissingPermission, "FORBIDDEN"), (result.Diagnosis!.Category, result.Diagnosis.ExchangeCode));
        Assert.Equal("/api/v4/spot/accounts", Assert.Single(exchanges.Observer.Completed).Call.Path);
    }
}
