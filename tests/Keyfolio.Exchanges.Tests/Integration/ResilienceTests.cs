using Keyfolio.Exchanges.Tests.Support;
using Keyfolio.Simulator;

namespace Keyfolio.Exchanges.Tests.Integration;

/// <summary>Rate limits, server errors and timeouts, as the simulator injects them.</summary>
public sealed class ResilienceTests
{
    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Server_errors_are_retried_then_diagnosed_unavailable(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var account = exchanges.Account(exchange, "main");
        Assert.True((await exchanges[exchange].GetBalancesAsync(account, CancellationToken.None)).IsSuccess);
        exchanges.Control.SetFault(new SimulatorFault { Exchange = exchange.ToName(), ErrorRate = 1 });
        exchanges.Control.ResetCounters(exchange.ToName());

        var diagnosis = await DiagnosisTests.FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.True(diagnosis.HttpStatus >= 500, diagnosis.ToString());

        // Three attempts of every call the connector sent at once: a key that read before reads its wallets together.
        Assert.Equal(3 * CallsAtOnce(exchange, readBefore: true), exchanges.Control.GetCounters(exchange.ToName()).Requests);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Requests_that_never_answer_time_out_are_retried_then_diagnosed_unavailable(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync(options: o => o.Timeout = TimeSpan.FromMilliseconds(500));
        var account = exchanges.Account(exchange, "main");
        exchanges.Control.SetFault(new SimulatorFault { Exchange = exchange.ToName(), Hang = true });

        var diagnosis = await DiagnosisTests.FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Null(diagnosis.HttpStatus);
        Assert.Equal(3 * CallsAtOnce(exchange, readBefore: false), exchanges.Observer.Completed.Count(r => r.Outcome == ExchangeCallOutcome.NoAnswer));
        Assert.All(exchanges.Observer.Completed.GroupBy(r => r.Call.Path), calls => Assert.Equal(3, calls.Count()));
    }

    [Theory]
    [InlineData(ExchangeId.Bitfinex)]
    [InlineData(ExchangeId.Kraken)]
    public async Task A_call_that_waits_for_its_keys_nonce_longer_than_the_timeout_is_still_sent_once_and_answered(ExchangeId exchange)
    {
        var timeout = TimeSpan.FromMilliseconds(200);
        await using var exchanges = await SimulatedExchanges.StartAsync(options: o => o.Timeout = timeout);
        var account = exchanges.Account(exchange, "main");

        // Another Keyfolio process sharing the state directory has a request with this key in flight for a while: it
        // holds the key's nonce. The wait for it is not the exchange's time, so it must not use up the attempts.
        var otherProcess = new FileNonceStore(exchanges.StateDirectory, TimeProvider.System);
        var held = await otherProcess.NextAsync(exchange, account.Credentials.ApiKey, CancellationToken.None);
        var reading = exchanges[exchange].GetBalancesAsync(account, CancellationToken.None);
        await Task.Delay(timeout * 10);
        Assert.False(reading.IsCompleted);
        await held.DisposeAsync();

        var result = await reading.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.DoesNotContain(exchanges.Observer.Completed, r => r.Outcome == ExchangeCallOutcome.NoAnswer);
        Assert.All(exchanges.Observer.Completed.GroupBy(r => r.Call.Path), calls => Assert.Single(calls));
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_429_with_retry_after_is_diagnosed_rate_limited_until_then_and_obeyed_without_retrying(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var account = exchanges.Account(exchange, "main");
        Assert.True((await exchanges[exchange].GetBalancesAsync(account, CancellationToken.None)).IsSuccess);
        exchanges.Control.SetFault(new SimulatorFault { Exchange = exchange.ToName(), ApiKeys = [account.Credentials.ApiKey], ForcedStatus = 429, RetryAfterSeconds = 120 });
        exchanges.Control.ResetCounters(exchange.ToName());
        var before = DateTimeOffset.UtcNow;

        var limited = await DiagnosisTests.FailAsync(exchanges, account);
        var sent = exchanges.Control.GetCounters(exchange.ToName()).Requests;
        exchanges.Control.ClearFaults(exchange.ToName());
        var again = await DiagnosisTests.FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.RateLimited, limited.Category);
        Assert.InRange(limited.RetryAt!.Value, before.AddSeconds(110), DateTimeOffset.UtcNow.AddSeconds(125));
        Assert.Equal(DiagnosisCategory.RateLimited, again.Category);

        // Calls sent at once got their 429s moments apart, each naming its own time; the reading's is the latest of them.
        Assert.InRange(again.RetryAt!.Value, limited.RetryAt.Value.AddSeconds(-1), limited.RetryAt.Value);

        // No call is retried: each call sent at once goes out once at most (one the first 429 answered before it left is
        // held back by the budget), and the second reading sends nothing at all.
        Assert.InRange(sent, 1, CallsAtOnce(exchange, readBefore: true));
        Assert.Equal(sent, exchanges.Control.GetCounters(exchange.ToName()).Requests);
    }

    [Fact]
    public async Task A_binance_ip_ban_stops_every_binance_connection_of_the_process_until_it_ends()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var banned = exchanges.Account(ExchangeId.Binance, "main");
        var other = exchanges.Account(ExchangeId.Binance, "second");
        exchanges.Control.SetFault(new SimulatorFault { Exchange = "binance", ApiKeys = [banned.Credentials.ApiKey], ForcedStatus = 418, RetryAfterSeconds = 300 });

        var ban = await DiagnosisTests.FailAsync(exchanges, banned);
        exchanges.Control.ResetCounters("binance");
        var otherResult = await DiagnosisTests.FailAsync(exchanges, other);

        Assert.Equal((DiagnosisCategory.RateLimited, 418), (ban.Category, ban.HttpStatus));
        Assert.Equal(DiagnosisCategory.RateLimited, otherResult.Category);
        Assert.Equal(ban.RetryAt, otherResult.RetryAt);
        Assert.Equal(0, exchanges.Control.GetCounters("binance").Requests);
    }

    [Fact]
    public async Task A_burst_of_200_balance_calls_across_20_connections_to_one_account_gets_no_429() =>
        await BurstAsync(serverDelay: null);

    [Fact]
    public async Task A_burst_still_gets_no_429_when_the_exchange_counts_some_calls_late() =>
        await BurstAsync(serverDelay: new SimulatorFault { Exchange = "htx", JitterMs = 1500 });

    private static async Task BurstAsync(SimulatorFault? serverDelay)
    {
        const int Connections = 20;
        await using var exchanges = await SimulatedExchanges.StartAsync(config =>
        {
            var accounts = config["accounts"]!.AsArray();
            for (var i = 0; i < Connections; i++)
            {
                accounts.Add(SimulatedExchanges.Account(
                    TestKey.For(ExchangeId.Htx, "burst-" + i),
                    9999,
                    [new System.Text.Json.Nodes.JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "1", ["locked"] = "0" }]));
            }
        });
        var connections = Enumerable.Range(0, Connections).Select(i => exchanges.Account(ExchangeId.Htx, "burst-" + i)).ToList();
        foreach (var connection in connections)
        {
            Assert.True((await exchanges[ExchangeId.Htx].GetKeyFactsAsync(connection, CancellationToken.None)).IsSuccess);
        }

        exchanges.Control.ResetCounters("htx");
        if (serverDelay is not null)
        {
            // The simulator waits before it counts: the count lands anywhere between our send and its answer.
            exchanges.Control.SetFault(serverDelay);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            exchanges[ExchangeId.Htx].GetBalancesAsync(connections[i % Connections], CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        var counters = exchanges.Control.GetCounters("htx");
        Assert.True(counters.Requests >= 400, $"{counters.Requests} requests");
        Assert.Equal(0, counters.TooManyRequests);
        Assert.Equal(0, counters.Banned);
    }

    /// <summary>The calls a connector sends at once before any answer: Binance reads every wallet together, the others
    /// start with one account call and stop when it fails.</summary>
    /// <summary>
    /// The calls a balance reading sends at once. A key never read sends its first call alone (Binance reads every wallet
    /// at once whatever); a key that read before reads every wallet together — HTX with the accounts it listed then.
    /// Kraken's calls carry the key's nonce and go one at a time; Bitfinex, Bittrex and Coinbase read with one call.
    /// </summary>
    private static int CallsAtOnce(ExchangeId exchange, bool readBefore) => exchange switch
    {
        ExchangeId.Binance => BinanceWalletCalls,
        _ when !readBefore => 1,
        ExchangeId.Okx => 4,
        ExchangeId.Gate => 7,
        ExchangeId.HitBtc => 2,
        ExchangeId.Kucoin => 7,
        ExchangeId.Bybit => 6,
        ExchangeId.Htx => HtxTestAccounts + 3,
        _ => 1,
    };

    /// <summary>Spot, funding, Simple Earn flexible and locked, cross and isolated margin, USDⓈ-M and COIN-M futures.</summary>
    private const int BinanceWalletCalls = 8;

    /// <summary>The test account's spot and OTC accounts (Support/SimulatedExchanges), beside the three derivatives accounts.</summary>
    private const int HtxTestAccounts = 2;
}
