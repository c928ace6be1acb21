using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Integration;

/// <summary>Real HTTP against the simulator: what each connector reads matches the configured account.</summary>
public sealed class BalancesAndKeyFactsTests
{
    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Balances_match_the_configured_account_in_every_wallet(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[exchange].GetBalancesAsync(exchanges.Account(exchange, "main"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var (spot, other) = SimulatedExchanges.ExpectedWallets(exchange);
        var btc = Assert.Single(result.Value.Balances, b => b.Asset == "BTC");
        Assert.Equal((spot.Kind, 0.5m, 0.125m, 0.625m), (btc.Wallet, btc.Free, btc.Locked, btc.Total));
        var eth = Assert.Single(result.Value.Balances, b => b.Asset == "ETH");
        Assert.Equal((spot.Kind, 2.75m, 0m, 2.75m), (eth.Wallet, eth.Free, eth.Locked, eth.Total));
        if (other is { } second)
        {
            var usdt = Assert.Single(result.Value.Balances, b => b.Asset == "USDT");
            Assert.Equal((second.Kind, 150.5m, 150.5m), (usdt.Wallet, usdt.Free, usdt.Total));
        }

        Assert.True(result.Value.IsComplete);
        Assert.Contains(result.Value.Wallets, w => w.Wallet == spot.Kind);
    }

    [Fact]
    public async Task A_hitbtc_key_without_payment_information_reads_the_trading_balance_and_says_the_wallet_is_missing()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[ExchangeId.HitBtc].GetBalancesAsync(exchanges.Account(ExchangeId.HitBtc, "second"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsComplete);
        var funding = Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Funding);
        Assert.Equal(DiagnosisCategory.MissingPermission, funding.Failure?.Category);
        Assert.Equal((WalletOutcome.NotPermitted, "Payment information", "wallet"), (funding.Outcome, funding.Right, funding.AccountName));
        Assert.Equal(WalletOutcome.Read, Assert.Single(result.Value.Wallets, w => w.Wallet == WalletKind.Spot).Outcome);
        Assert.Contains(result.Value.Balances, b => b.Asset == "BTC");
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Key_facts_of_a_read_only_key_say_it_reads_and_cannot_withdraw(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[exchange].GetKeyFactsAsync(exchanges.Account(exchange, "main"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var facts = result.Value;
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        var reportsWithdraw = exchange is not (ExchangeId.HitBtc or ExchangeId.Bittrex);
        Assert.Equal(reportsWithdraw ? PermissionState.Absent : PermissionState.Unknown, facts[KeyPermission.Withdraw]);
        Assert.Equal(!reportsWithdraw, facts.Inferred);
        Assert.False(facts.CanTrade);
        Assert.Equal(exchange == ExchangeId.HitBtc ? PermissionState.Granted : exchange == ExchangeId.Bittrex ? PermissionState.Unknown : PermissionState.Absent, facts[KeyPermission.InternalTransfer]);
        if (exchange is ExchangeId.Binance or ExchangeId.Okx or ExchangeId.Htx or ExchangeId.Gate or ExchangeId.Kraken or ExchangeId.Bybit or ExchangeId.Kucoin)
        {
            Assert.Equal(false, facts.IpRestricted);
        }

        if (exchange is ExchangeId.Binance or ExchangeId.Htx or ExchangeId.Gate or ExchangeId.Kraken or ExchangeId.Bybit or ExchangeId.Kucoin)
        {
            Assert.Equal(DateTimeOffset.Parse("2026-01-05T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), facts.CreatedAt);
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Key_facts_of_a_key_that_can_withdraw_say_so_where_the_exchange_reports_it(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[exchange].GetKeyFactsAsync(exchanges.Account(exchange, "withdraw"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        if (exchange is ExchangeId.HitBtc or ExchangeId.Bittrex)
        {
            Assert.Equal(PermissionState.Unknown, result.Value[KeyPermission.Withdraw]);
        }
        else
        {
            Assert.True(result.Value.CanWithdraw);
        }

        if (exchange != ExchangeId.Bittrex)
        {
            Assert.Equal(PermissionState.Granted, result.Value[KeyPermission.SpotTrade]);
            Assert.Equal(PermissionState.Granted, result.Value[KeyPermission.InternalTransfer]);
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Verify_makes_one_signed_read_then_reads_the_facts(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[exchange].VerifyAsync(exchanges.Account(exchange, "main"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Contains(result.Value.Balances.Balances, b => b.Asset == "BTC");
        Assert.NotNull(result.Value.Facts);
        Assert.Null(result.Value.FactsFailure);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Usd_prices_come_from_the_exchange_public_tickers(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var result = await exchanges[exchange].GetUsdPricesAsync(new ExchangeEndpoint(exchange), ["BTC", "ETH", "DOGE"], CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(65000m, result.Value["BTC"]);
        Assert.Equal(3200m, result.Value["ETH"]);
        Assert.False(result.Value.ContainsKey("DOGE"));
    }
}
